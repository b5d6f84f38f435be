using System.Threading.Channels;
using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Watch;

/// <summary>
/// A live feed of store changes for one resource (or all, for controllers), optionally one namespace.
/// Events are pushed under the store's lock so every watcher sees them in resourceVersion order.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<StoreEvent> channel = Channel.CreateUnbounded<StoreEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Action<WatchSubscription> unsubscribe;

    internal WatchSubscription(ResourceType? type, string? @namespace, Action<WatchSubscription> unsubscribe)
    {
        Type = type;
        Namespace = @namespace;
        this.unsubscribe = unsubscribe;
    }

    public ResourceType? Type { get; }

    public string? Namespace { get; }

    public ChannelReader<StoreEvent> Events => channel.Reader;

    internal bool Matches(StoreEvent e) =>
        (Type is null || Type == e.Resource) &&
        (string.IsNullOrEmpty(Namespace) || Namespace == Storage.JsonPaths.Namespace(e.Object));

    internal void Push(StoreEvent e)
    {
        if (Matches(e))
        {
            channel.Writer.TryWrite(e);
        }
    }

    internal void Complete() => channel.Writer.TryComplete();

    public void Dispose()
    {
        unsubscribe(this);
        Complete();
    }
}
