using System.Collections.Concurrent;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Intercepts;

/// <summary>
/// The intercepts this laptop created, by name. They outlive a manager restart: after the daemon
/// arrives again it re-creates the pending ones with the ids they had.
/// </summary>
public sealed class OwnedIntercepts
{
    private readonly ConcurrentDictionary<string, OwnedIntercept> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<OwnedIntercept> All => _byName.Values.OrderBy(o => o.Spec.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<OwnedIntercept> Pending => All.Where(o => o.Pending).ToList();

    public void Add(string id, InterceptSpec spec) => _byName[spec.Name] = new OwnedIntercept(id, spec, Pending: false);

    public bool TryGet(string name, out OwnedIntercept owned) => _byName.TryGetValue(name, out owned!);

    public bool Remove(string name) => _byName.TryRemove(name, out _);

    /// <summary>After a new arrival none of them exists at the manager any more.</summary>
    public void MarkAllPending()
    {
        foreach (var (name, owned) in _byName)
        {
            _byName.TryUpdate(name, owned with { Pending = true }, owned);
        }
    }

    public void MarkCreated(OwnedIntercept owned) => _byName.TryUpdate(owned.Spec.Name, owned with { Pending = false }, owned);
}

/// <param name="Pending">True while it must be re-created at the manager.</param>
public sealed record OwnedIntercept(string Id, InterceptSpec Spec, bool Pending);
