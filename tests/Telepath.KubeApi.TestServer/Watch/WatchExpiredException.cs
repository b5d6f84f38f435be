namespace Telepath.KubeApi.TestServer.Watch;

/// <summary>A watch asked for a resourceVersion older than the retained history (HTTP 410 in an ERROR event).</summary>
public sealed class WatchExpiredException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})")
{
    public long Requested { get; } = requested;

    public long Oldest { get; } = oldest;
}
