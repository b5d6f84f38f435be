using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>
/// The cluster's state: JSON objects by resource, namespace and name, versioned by one global
/// resourceVersion counter as etcd does. Readers always get deep copies.
/// </summary>
public sealed partial class ObjectStore(Admission admission, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, JsonObject> objects = [];
    private long resourceVersion;

    public long CurrentResourceVersion
    {
        get
        {
            lock (gate)
            {
                return resourceVersion;
            }
        }
    }

    public JsonObject Get(ResourceType type, string @namespace, string name) =>
        TryGet(type, @namespace, name) ?? throw StatusObjects.NotFound(type, name);

    public JsonObject? TryGet(ResourceType type, string @namespace, string name)
    {
        lock (gate)
        {
            return objects.TryGetValue(Key(type, @namespace, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>Objects of one type, in one namespace or all (null), sorted like etcd keys.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(ResourceType type, string? @namespace)
    {
        lock (gate)
        {
            var items = objects
                .Where(p => p.Key.Type == type && (string.IsNullOrEmpty(@namespace) || p.Key.Namespace == @namespace))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
            return (items, resourceVersion);
        }
    }

    private static ObjectKey Key(ResourceType type, string @namespace, string name) =>
        new(type, type.Namespaced ? @namespace : "", name);

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
