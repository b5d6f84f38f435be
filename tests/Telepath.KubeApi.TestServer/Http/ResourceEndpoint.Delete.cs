using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Http;

internal sealed partial class ResourceEndpoint
{
    private async Task DeleteAsync(HttpContext context, ResourceRoute route)
    {
        var options = await DeleteOptionsAsync(context.Request);
        var ns = route.Namespace ?? "";
        var current = store.Get(route.Type, ns, route.Name!);
        if (PropagationPolicy(context.Request, options) == "Orphan")
        {
            Orphan(current.Uid(), ns);
        }

        var deleted = store.Delete(route.Type, ns, route.Name!, options?.At("preconditions.uid")?.GetValue<string>());

        // Pods and namespaces answer with the object (they delete gracefully in Kubernetes), and so
        // do Services (their registry sets ReturnDeletedObject); most other resources answer with a
        // Success Status naming what was deleted.
        JsonNode reply = route.Type == ResourceCatalog.Pods || route.Type == ResourceCatalog.Namespaces || route.Type == ResourceCatalog.Services
            ? deleted
            : StatusObjects.Success(route.Type, route.Name!, deleted.Uid());
        await context.WriteJsonAsync(200, reply);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceRoute route)
    {
        var filter = Filter(context.Request);
        var (items, _) = store.List(route.Type, route.Namespace);
        var deleted = new List<JsonObject>();
        foreach (var item in items.Where(filter))
        {
            deleted.Add(store.Delete(route.Type, item.Namespace(), item.Name()));
        }

        await context.WriteJsonAsync(200, ListResponses.Build(route.Type, deleted, store.CurrentResourceVersion));
    }

    // With Orphan the dependents stay, freed from their owner, so the garbage collector leaves them.
    private void Orphan(string ownerUid, string ns)
    {
        foreach (var type in ResourceCatalog.All.Where(t => t.Namespaced == (ns.Length > 0)))
        {
            foreach (var item in store.List(type, ns).Items.Where(i => OwnedBy(i, ownerUid)))
            {
                store.Update(type, item.Namespace(), item.Name(), o =>
                {
                    var refs = o.Array("metadata.ownerReferences");
                    o.Metadata()["ownerReferences"] = new JsonArray(refs.Where(r => r.Str("uid") != ownerUid).Select(r => r?.DeepClone()).ToArray());
                    return o;
                }, UpdateScope.All);
            }
        }
    }

    private static bool OwnedBy(JsonObject obj, string uid) =>
        obj.Array("metadata.ownerReferences").Any(r => r.Str("uid") == uid);

    private static string PropagationPolicy(HttpRequest request, JsonObject? options) =>
        request.Query["propagationPolicy"].FirstOrDefault() ?? options?.Str("propagationPolicy")
        ?? (options?.At("orphanDependents") is JsonValue v && v.GetValue<bool>() ? "Orphan" : "Background");

    private static async Task<JsonObject?> DeleteOptionsAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return null;
        }

        return await request.ReadJsonAsync(request.HttpContext.RequestAborted) as JsonObject;
    }
}
