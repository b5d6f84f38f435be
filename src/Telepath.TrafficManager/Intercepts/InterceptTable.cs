using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Intercepts;

/// <summary>
/// Every intercept the manager holds, by name. The conflict rules live here, under one lock, so two
/// laptops racing for the same workload cannot both win.
/// </summary>
public sealed class InterceptTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly SessionRegistry _sessions;

    public InterceptTable(SessionRegistry sessions)
    {
        _sessions = sessions;
        _sessions.Departed += session => RemoveOwnedBy(session.Id);
    }

    public ChangeSignal Changed { get; } = new();

    /// <summary>Raised with an intercept's id after it is removed (left, or its client departed).</summary>
    public event Action<string>? Removed;

    public InterceptInfo Create(Session client, InterceptSpec spec, string requestedId)
    {
        InterceptSpecValidator.Validate(spec);
        var agents = _sessions.Agents();
        var agent = agents.FirstOrDefault(a => a.Workload == spec.Workload && (spec.Namespace.Length == 0 || a.Namespace == spec.Namespace))
            ?? throw new RpcException(new Status(StatusCode.NotFound,
                $"workload \"{spec.Workload}\" is not known to the traffic manager: no traffic agent serves it (see \"telepath list\")"));

        var id = requestedId.Length > 0 ? requestedId : Guid.NewGuid().ToString();
        var normalized = new InterceptSpec(spec) { Namespace = agent.Namespace };
        lock (_lock)
        {
            if (_byName.TryGetValue(spec.Name, out var existing))
            {
                if (existing.Id == id && existing.ClientSessionId == client.Id)
                {
                    return ToInfo(existing);
                }

                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"an intercept named \"{spec.Name}\" already exists (held by {existing.ClientName}); choose another with --name"));
            }

            CheckConflicts(normalized);
            var entry = new Entry(id, normalized, client.Id, client.Name);
            _byName[spec.Name] = entry;
            Changed.Notify();
            return ToInfo(entry);
        }
    }

    public InterceptInfo Remove(Session client, string name)
    {
        Entry? entry;
        lock (_lock)
        {
            if (!_byName.TryGetValue(name, out entry))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"no intercept named \"{name}\""));
            }

            if (entry.ClientSessionId != client.Id)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied,
                    $"the intercept \"{name}\" is held by {entry.ClientName}; only its owner can remove it"));
            }

            _byName.Remove(name);
            Changed.Notify();
        }

        Removed?.Invoke(entry.Id);
        return ToInfo(entry);
    }

    public IReadOnlyList<InterceptInfo> RemoveOwnedBy(string clientSessionId)
    {
        List<Entry> owned;
        lock (_lock)
        {
            owned = _byName.Values.Where(e => e.ClientSessionId == clientSessionId).ToList();
            foreach (var entry in owned)
            {
                _byName.Remove(entry.Spec.Name);
            }

            if (owned.Count > 0)
            {
                Changed.Notify();
            }
        }

        foreach (var entry in owned)
        {
            Removed?.Invoke(entry.Id);
        }

        return owned.Select(ToInfo).ToList();
    }

    public bool TryGetById(string id, out InterceptInfo info)
    {
        lock (_lock)
        {
            var entry = _byName.Values.FirstOrDefault(e => e.Id == id);
            info = entry is null ? null! : ToInfo(entry);
            return entry is not null;
        }
    }

    /// <summary>All intercepts, or those of one workload (an agent's view).</summary>
    public InterceptSnapshot Snapshot(string? workload = null, string? ns = null)
    {
        var snapshot = new InterceptSnapshot();
        lock (_lock)
        {
            snapshot.Intercepts.AddRange(_byName.Values
                .Where(e => workload is null || (e.Spec.Workload == workload && e.Spec.Namespace == ns))
                .OrderBy(e => e.Spec.Name, StringComparer.Ordinal)
                .Select(ToInfo));
        }

        return snapshot;
    }

    private void CheckConflicts(InterceptSpec spec)
    {
        var sameWorkload = _byName.Values.Where(e => e.Spec.Workload == spec.Workload && e.Spec.Namespace == spec.Namespace).ToList();
        var global = sameWorkload.FirstOrDefault(e => InterceptSpecValidator.IsGlobal(e.Spec));
        if (global is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"workload \"{spec.Workload}\" is already intercepted by {global.ClientName} (intercept \"{global.Spec.Name}\", all TCP connections); " +
                "wait until it is left, or ask its holder to use a personal intercept (--http-header)"));
        }

        if (InterceptSpecValidator.IsGlobal(spec) && sameWorkload.Count > 0)
        {
            var holders = string.Join(", ", sameWorkload.Select(e => $"\"{e.Spec.Name}\" by {e.ClientName}"));
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"workload \"{spec.Workload}\" has personal intercepts ({holders}); a global intercept would take their requests: " +
                "use --http-header for a personal intercept of your own"));
        }
    }

    private InterceptInfo ToInfo(Entry entry)
    {
        var agent = _sessions.Agents().FirstOrDefault(a => a.Workload == entry.Spec.Workload && a.Namespace == entry.Spec.Namespace);
        return new InterceptInfo
        {
            Id = entry.Id,
            Spec = entry.Spec,
            ClientSessionId = entry.ClientSessionId,
            ClientName = entry.ClientName,
            State = agent is null ? InterceptState.Waiting : InterceptState.Active,
            WorkloadKind = agent?.WorkloadKind ?? "",
        };
    }

    private sealed record Entry(string Id, InterceptSpec Spec, string ClientSessionId, string ClientName);
}
