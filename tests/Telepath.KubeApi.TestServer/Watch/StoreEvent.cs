using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Watch;

/// <summary>One change in the store, as a watcher sees it. <see cref="Object"/> must not be mutated.</summary>
public sealed record StoreEvent(WatchEventType Type, ResourceType Resource, JsonObject Object, long ResourceVersion)
{
    public string WireType => Type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };

    public JsonObject ToWire() => new() { ["type"] = WireType, ["object"] = Object.DeepClone() };
}
