using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Replaces an object with what <paramref name="change"/> makes of a copy of it. A resourceVersion
    /// left in the result must equal the stored one (optimistic concurrency, 409 Conflict otherwise).
    /// A write that changes nothing keeps the resourceVersion and sends no event, as in Kubernetes.
    /// </summary>
    public JsonObject Update(ResourceType type, string @namespace, string name, Func<JsonObject, JsonObject> change, UpdateScope scope = UpdateScope.Main)
    {
        lock (gate)
        {
            var key = Key(type, @namespace, name);
            if (!objects.TryGetValue(key, out var current))
            {
                throw StatusObjects.NotFound(type, name);
            }

            var changed = change((JsonObject)current.DeepClone());
            var requested = changed.ResourceVersion();
            if (!string.IsNullOrEmpty(requested) && requested != current.ResourceVersion())
            {
                throw StatusObjects.Conflict(type, name);
            }

            var next = Merge(type, current, changed, scope);
            admission.Admit(type, next, current);
            if (JsonPaths.SameJson(next, current))
            {
                return (JsonObject)current.DeepClone();
            }

            if (type.HasGeneration && !JsonPaths.SameJson(next["spec"], current["spec"]))
            {
                next.Metadata()["generation"] = current.Long("metadata.generation") + 1;
            }

            next.Metadata()["resourceVersion"] = (++resourceVersion).ToString();
            objects[key] = next;
            Publish(new StoreEvent(WatchEventType.Modified, type, next, resourceVersion));
            return (JsonObject)next.DeepClone();
        }
    }

    // Identity and server-owned metadata never change through an update; status only through /status.
    private static JsonObject Merge(ResourceType type, JsonObject current, JsonObject changed, UpdateScope scope)
    {
        JsonObject next;
        if (scope == UpdateScope.Status)
        {
            next = (JsonObject)current.DeepClone();
            next["status"] = changed["status"]?.DeepClone();
        }
        else
        {
            next = (JsonObject)changed.DeepClone();
            if (scope == UpdateScope.Main && type.HasStatus)
            {
                next["status"] = current["status"]?.DeepClone();
            }
        }

        next["apiVersion"] = type.GroupVersion;
        next["kind"] = type.Kind;
        var metadata = next.Metadata();
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion", "deletionTimestamp" })
        {
            metadata[field] = current.Metadata()[field]?.DeepClone();
            if (metadata[field] is null)
            {
                metadata.Remove(field);
            }
        }

        if (next["status"] is null)
        {
            next.Remove("status");
        }

        return next;
    }
}
