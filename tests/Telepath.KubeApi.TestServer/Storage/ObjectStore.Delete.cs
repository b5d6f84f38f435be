using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Removes an object at once (no finalizers, no grace period). Deleting a namespace removes
    /// everything in it; dependents found through ownerReferences are the garbage collector's job.
    /// </summary>
    public JsonObject Delete(ResourceType type, string @namespace, string name, string? expectedUid = null)
    {
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            if (!objects.TryGetValue(key, out var current))
            {
                throw StatusObjects.NotFound(type, name);
            }

            if (expectedUid is not null && expectedUid != current.Uid())
            {
                throw new KubeStatusException(409, "Conflict",
                    $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {current.Uid()}",
                    StatusObjects.Details(type, name));
            }

            if (type == ResourceCatalog.Namespaces)
            {
                foreach (var inside in objects.Keys.Where(k => k.Type.Namespaced && k.Namespace == name).ToList())
                {
                    Remove(inside);
                }
            }

            return (JsonObject)Remove(key).DeepClone();
        }
    }

    private JsonObject Remove(ObjectKey key)
    {
        // A copy: the stored instance may still be referenced by earlier events in the history.
        var obj = (JsonObject)objects[key].DeepClone();
        objects.Remove(key);
        obj.Metadata()["resourceVersion"] = (++resourceVersion).ToString();
        Publish(new StoreEvent(WatchEventType.Deleted, key.Type, obj, resourceVersion));
        return obj;
    }
}
