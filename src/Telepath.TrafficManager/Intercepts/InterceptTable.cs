using System.Collections.Concurrent;
using System.Collections.Frozen;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Intercepts;

/// <summary>
/// Every intercept the manager holds, by name, and what each agent has applied. The conflict rules
/// live here, under one lock, so two laptops racing for the same workload cannot both win. States are
/// judged when read (<see cref="InterceptReadiness"/>), so agents that come and go change them at once.
/// </summary>
public sealed class InterceptTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.Ordinal);

    // Per agent session, the intercepts it last reported routing by. Kept across an intercept's removal:
    // one re-created with the same id while the agent never stopped routing by it is still applied there.
    // Written under the lock; each set is replaced whole and never changed, so reads need no lock.
    private readonly ConcurrentDictionary<string, FrozenSet<string>> _applied = new(StringComparer.Ordinal);
    private readonly SessionRegistry _sessions;
    private readonly ILogger _logger;

    public InterceptTable(SessionRegistry sessions, ILogger<InterceptTable>? logger = null)
    {
        _sessions = sessions;
        _logger = logger ?? NullLogger<InterceptTable>.Instance;
        _sessions.Departed += Departed;
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

        var id = requestedId.Length > 0 ? RequestedId(requestedId) : Guid.NewGuid().ToString();
        var normalized = new InterceptSpec(spec) { Namespace = agent.Namespace };
        lock (_lock)
        {
            if (_byName.TryGetValue(spec.Name, out var existing))
            {
                if (existing.Id == id && existing.ClientSessionId == client.Id)
                {
                    return ToInfo(existing, _sessions.Agents());
                }

                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"an intercept named \"{spec.Name}\" already exists (held by {existing.ClientName}); choose another with --name"));
            }

            // Tunnels, standbys and preview headers find an intercept by its id: one id, one intercept.
            if (_byName.Values.Any(e => e.Id == id))
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists,
                    $"intercept id {id} is held by another intercept; create the intercept without an id to get a new one"));
            }

            CheckConflicts(normalized);
            var entry = new Entry(id, normalized, client.Id, client.Name);
            _byName[spec.Name] = entry;
            Changed.Notify();
            return ToInfo(entry, _sessions.Agents());
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
        return ToInfo(entry, _sessions.Agents());
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

        var agents = _sessions.Agents();
        return owned.Select(entry => ToInfo(entry, agents)).ToList();
    }

    /// <summary>
    /// Records that the agent routes by exactly these intercepts now (its report after applying a
    /// snapshot). Ids that are not intercepts of its own workload are ignored: an agent speaks for itself only.
    /// </summary>
    /// <exception cref="RpcException">PermissionDenied when the session is not an agent's.</exception>
    public void RecordApplied(Session agent, IEnumerable<string> interceptIds)
    {
        var workload = agent.Agent
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "only traffic agents report the routes they apply"));
        var reported = interceptIds.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            // A report that crosses the agent's departure must not mark anything for a session that is gone.
            if (!_sessions.IsLive(agent))
            {
                return;
            }

            var own = _byName.Values.Where(e => Serves(workload, e) && reported.Contains(e.Id)).Select(e => e.Id).ToFrozenSet(StringComparer.Ordinal);
            if (own.Count < reported.Count)
            {
                Log.ForeignRoutesIgnored(_logger, workload.PodName, workload.Workload, reported.Count - own.Count);
            }

            // Nothing reported yet counts as nothing applied.
            if (_applied.GetValueOrDefault(agent.Id, FrozenSet<string>.Empty).SetEquals(own))
            {
                return;
            }

            _applied[agent.Id] = own;
            Log.RoutesReported(_logger, workload.PodName, workload.Workload, own.Count);
            Changed.Notify();
        }
    }

    /// <summary>Where the intercepts a client holds are, for filtering its request log (Watching/RequestFilter).</summary>
    public IReadOnlyList<InterceptPlace> PlacesOwnedBy(string clientSessionId)
    {
        lock (_lock)
        {
            return [.. _byName.Values.Where(e => e.ClientSessionId == clientSessionId).Select(e => new InterceptPlace(e.Id, e.Spec.Workload, e.Spec.Namespace))];
        }
    }

    /// <summary>Where the intercept of that name is; null when there is none.</summary>
    public InterceptPlace? PlaceOf(string name)
    {
        lock (_lock)
        {
            return _byName.TryGetValue(name, out var e) ? new InterceptPlace(e.Id, e.Spec.Workload, e.Spec.Namespace) : null;
        }
    }

    public bool TryGetById(string id, out InterceptInfo info)
    {
        lock (_lock)
        {
            var entry = _byName.Values.FirstOrDefault(e => e.Id == id);
            info = entry is null ? null! : ToInfo(entry, _sessions.Agents());
            return entry is not null;
        }
    }

    /// <summary>
    /// All intercepts with their states, or those of one workload as its agents see them: without
    /// states, which are the agents' own progress and would only wake them for nothing.
    /// </summary>
    public InterceptSnapshot Snapshot(string? workload = null, string? ns = null)
    {
        var snapshot = new InterceptSnapshot();
        var agents = _sessions.Agents();
        lock (_lock)
        {
            var infos = _byName.Values
                .Where(e => workload is null || (e.Spec.Workload == workload && e.Spec.Namespace == ns))
                .OrderBy(e => e.Spec.Name, StringComparer.Ordinal)
                .Select(e => ToInfo(e, agents));
            snapshot.Intercepts.AddRange(workload is null ? infos : infos.Select(WithoutState));
        }

        return snapshot;
    }

    /// <summary>
    /// All intercepts as <paramref name="client"/> sees them: with the app container's environment on its
    /// own intercepts only, since an environment often holds the workload's secrets.
    /// </summary>
    public InterceptSnapshot SnapshotFor(Session client)
    {
        var snapshot = Snapshot();
        foreach (var info in snapshot.Intercepts.Where(i => i.ClientSessionId == client.Id))
        {
            AddEnvironment(info);
        }

        return snapshot;
    }

    /// <summary>Adds the environment of the intercepted app container, for the intercept's own client only.</summary>
    public InterceptInfo AddEnvironment(InterceptInfo info)
    {
        // Pods of one workload share their spec; the fullest report is the one least likely cut short.
        var environment = _sessions.AgentSessions()
            .Where(s => s.Agent!.Workload == info.Spec.Workload && s.Agent.Namespace == info.Spec.Namespace)
            .Select(s => s.Environment)
            .MaxBy(e => e.Count);
        if (environment is not null)
        {
            info.Environment.Add(environment.ToDictionary());
        }

        return info;
    }

    /// <summary>
    /// A client may name the id (its header and preview URLs carry it, and a re-created intercept keeps its
    /// own), but only as a UUID in canonical form: never text of its choosing that headers and logs repeat.
    /// </summary>
    private static string RequestedId(string requested) =>
        Guid.TryParseExact(requested, "D", out var uuid) && uuid.ToString() == requested
            ? requested
            : throw new RpcException(new Status(StatusCode.InvalidArgument, "an intercept id must be a lower-case UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e"));

    /// <remarks>A mirror takes no request from anyone: it conflicts with nothing, and nothing with it.</remarks>
    private void CheckConflicts(InterceptSpec spec)
    {
        if (spec.Mirror)
        {
            return;
        }

        var sameWorkload = _byName.Values.Where(e => e.Spec.Workload == spec.Workload && e.Spec.Namespace == spec.Namespace && !e.Spec.Mirror).ToList();
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

    private void Departed(Session session)
    {
        if (session.Kind == SessionKind.Client)
        {
            RemoveOwnedBy(session.Id);
            return;
        }

        lock (_lock)
        {
            _applied.TryRemove(session.Id, out _);
        }

        // Its intercepts may be ACTIVE now (it was the last to apply them) or WAITING (it was the only agent).
        Changed.Notify();
    }

    private static bool Serves(AgentInfo agent, Entry entry) =>
        agent.Workload == entry.Spec.Workload && agent.Namespace == entry.Spec.Namespace;

    /// <param name="agents">Every present agent, as <see cref="SessionRegistry.Agents"/> orders them.</param>
    private InterceptInfo ToInfo(Entry entry, IReadOnlyList<AgentInfo> agents)
    {
        var serving = agents.Where(a => Serves(a, entry)).ToList();
        var (state, reason) = InterceptReadiness.Judge(
            entry.Spec.Workload, serving, agent => _applied.TryGetValue(agent, out var applied) && applied.Contains(entry.Id));
        return new InterceptInfo
        {
            Id = entry.Id,
            Spec = entry.Spec,
            ClientSessionId = entry.ClientSessionId,
            ClientName = entry.ClientName,
            State = state,
            StateReason = reason,
            WorkloadKind = serving.FirstOrDefault()?.WorkloadKind ?? "",
        };
    }

    private static InterceptInfo WithoutState(InterceptInfo info)
    {
        info.State = InterceptState.Unspecified;
        info.StateReason = "";
        return info;
    }

    private sealed record Entry(string Id, InterceptSpec Spec, string ClientSessionId, string ClientName);
}
