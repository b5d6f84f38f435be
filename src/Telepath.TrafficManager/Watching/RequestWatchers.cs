using System.Collections.Immutable;

namespace Telepath.TrafficManager.Watching;

/// <summary>
/// Every client's request watch. While there is at least one, agents are told to record requests
/// (InterceptSnapshot.watched). <see cref="Changed"/> fires on every add and remove: agents
/// are sent their snapshot again, which they ignore when it did not change.
/// </summary>
public sealed class RequestWatchers
{
    private ImmutableArray<RequestWatcher> _watchers = [];

    public ChangeSignal Changed { get; } = new();

    public bool Any => !_watchers.IsEmpty;

    public RequestWatcher Add(Func<RequestFilter> filter)
    {
        var watcher = new RequestWatcher(filter);
        ImmutableInterlocked.Update(ref _watchers, (list, w) => list.Add(w), watcher);
        Changed.Notify();

        return watcher;
    }

    public void Remove(RequestWatcher watcher)
    {
        ImmutableInterlocked.Update(ref _watchers, (list, w) => list.Remove(w), watcher);
        Changed.Notify();
    }

    public void Publish(AgentBatch batch)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Offer(batch);
        }
    }
}
