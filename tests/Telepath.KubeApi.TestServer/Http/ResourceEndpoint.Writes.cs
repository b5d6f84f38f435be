using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Patching;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Http;

internal sealed partial class ResourceEndpoint
{
    private async Task CreateAsync(HttpContext context, ResourceRoute route)
    {
        var body = await context.Request.ReadObjectAsync(context.RequestAborted);
        CheckKind(route.Type, body);
        var ns = NamespaceFor(route, body);
        if (ns.Length > 0)
        {
            body.Metadata()["namespace"] = ns;
        }

        await context.WriteJsonAsync(201, store.Create(route.Type, body, IsDryRun(context.Request)));
    }

    private async Task UpdateAsync(HttpContext context, ResourceRoute route)
    {
        var body = await context.Request.ReadObjectAsync(context.RequestAborted);
        CheckKind(route.Type, body);
        if (body.Name() != route.Name)
        {
            throw StatusObjects.BadRequest($"the name of the object ({body.Name()}) does not match the name on the URL ({route.Name})");
        }

        NamespaceFor(route, body);
        var updated = store.Update(route.Type, route.Namespace ?? "", route.Name!, _ => body, Scope(route));
        await context.WriteJsonAsync(200, updated);
    }

    private async Task PatchAsync(HttpContext context, ResourceRoute route)
    {
        var patch = await context.Request.ReadJsonAsync(context.RequestAborted);
        var contentType = context.Request.ContentType;
        var updated = store.Update(route.Type, route.Namespace ?? "", route.Name!,
            current => PatchApplier.Apply(contentType, current, patch), Scope(route));
        await context.WriteJsonAsync(200, updated);
    }

    private static UpdateScope Scope(ResourceRoute route) =>
        route.Subresource == "status" ? UpdateScope.Status : UpdateScope.Main;

    private static bool IsDryRun(HttpRequest request) => request.Query.ContainsKey("dryRun");
}
