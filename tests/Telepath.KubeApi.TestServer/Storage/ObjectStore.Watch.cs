using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Storage;

public sealed partial class ObjectStore
{
    // Bounded like etcd's compaction window; Compact() lets a test force a 410 on purpose.
    private const int HistoryLimit = 100_000;
    private readonly List<StoreEvent> history = [];
    private readonly List<WatchSubscription> subscribers = [];
    private long oldestWatchable;

    /// <summary>
    /// Starts a watch. Without a resourceVersion (or "0") it begins with ADDED events for what
    /// exists now; with one it replays every later change, or throws <see cref="WatchExpiredException"/>
    /// when that history was compacted away.
    /// </summary>
    public WatchSubscription Watch(ResourceType? type, string? @namespace, long? fromResourceVersion)
    {
        lock (gate)
        {
            var subscription = new WatchSubscription(type, @namespace, Unsubscribe);
            if (fromResourceVersion is null or 0)
            {
                foreach (var (key, obj) in objects.OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal))
                {
                    subscription.Push(new StoreEvent(WatchEventType.Added, key.Type, obj, long.Parse(obj.ResourceVersion()!)));
                }
            }
            else if (fromResourceVersion < oldestWatchable)
            {
                throw new WatchExpiredException(fromResourceVersion.Value, oldestWatchable + 1);
            }
            else
            {
                foreach (var e in history.Where(e => e.ResourceVersion > fromResourceVersion))
                {
                    subscription.Push(e);
                }
            }

            subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Forgets all history: a watch from any resourceVersion before now gets 410 Expired.</summary>
    public void Compact()
    {
        lock (gate)
        {
            history.Clear();
            oldestWatchable = resourceVersion;
        }
    }

    /// <summary>Ends every watch, as when the API server goes away.</summary>
    public void CloseWatches()
    {
        lock (gate)
        {
            foreach (var s in subscribers)
            {
                s.Complete();
            }

            subscribers.Clear();
        }
    }

    // Called under the lock, so subscribers receive events in resourceVersion order.
    private void Publish(StoreEvent e)
    {
        history.Add(e);
        if (history.Count > HistoryLimit)
        {
            oldestWatchable = history[0].ResourceVersion;
            history.RemoveAt(0);
        }

        foreach (var s in subscribers)
        {
            s.Push(e);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (gate)
        {
            subscribers.Remove(subscription);
        }
    }
}
