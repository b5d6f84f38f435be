using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Storage;

public sealed partial class ObjectStore
{
    private static readonly string NameChars = "bcdfghjklmnpqrstvwxz2456789";

    /// <param name="dryRun">
    /// A <c>dryRun=All</c> create: admitted, allocated, validated and checked against what is stored
    /// exactly as a real one, but neither stored nor watched; the answer has no resourceVersion.
    /// </param>
    public JsonObject Create(ResourceType type, JsonObject input, bool dryRun = false)
    {
        var obj = (JsonObject)input.DeepClone();
        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        var metadata = obj.Metadata();
        if (string.IsNullOrEmpty(metadata.Str("name")) && metadata.Str("generateName") is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + RandomSuffix(5);
        }

        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
        }

        // Status is the controllers' to write; a create starts from an empty one (services and namespaces get defaults).
        if (type.HasStatus)
        {
            obj.Remove("status");
        }

        admission.Admit(type, obj, null, dryRun);
        lock (gate)
        {
            var key = Key(type, obj.Namespace(), obj.Name());
            if (type.Namespaced && !objects.ContainsKey(Key(ResourceCatalog.Namespaces, "", key.Namespace)))
            {
                throw StatusObjects.NotFound(ResourceCatalog.Namespaces, key.Namespace);
            }

            if (objects.ContainsKey(key))
            {
                throw StatusObjects.AlreadyExists(type, key.Name);
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            if (type.HasGeneration)
            {
                metadata["generation"] = 1;
            }

            metadata["creationTimestamp"] = Now();
            metadata.Remove("deletionTimestamp");
            if (dryRun)
            {
                return (JsonObject)obj.DeepClone();
            }

            metadata["resourceVersion"] = (++resourceVersion).ToString();
            objects[key] = obj;
            Publish(new StoreEvent(WatchEventType.Added, type, obj, resourceVersion));
            return (JsonObject)obj.DeepClone();
        }
    }

    /// <summary>The 5-character suffix alphabet of apimachinery's name generator (no vowels, no look-alikes).</summary>
    public static string RandomSuffix(int length) =>
        new(Enumerable.Range(0, length).Select(_ => NameChars[Random.Shared.Next(NameChars.Length)]).ToArray());
}
