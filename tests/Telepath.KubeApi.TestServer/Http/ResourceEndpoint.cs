using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Http;

/// <summary>The REST verbs on one resource path, answered as kube-apiserver answers them.</summary>
internal sealed partial class ResourceEndpoint(ObjectStore store, WatchStreamer watches)
{
    public static string VerbOf(HttpRequest request, ResourceRoute route) => (request.Method, route.Name) switch
    {
        ("GET", null) => IsWatch(request) ? "watch" : "list",
        ("GET", _) when route.Subresource == "portforward" => "create",
        ("GET", _) => "get",
        ("POST", _) => "create",
        ("PUT", _) => "update",
        ("PATCH", _) => "patch",
        ("DELETE", null) => "deletecollection",
        ("DELETE", _) => "delete",
        _ => throw StatusObjects.MethodNotAllowed(),
    };

    public Task HandleAsync(HttpContext context, ResourceRoute route, string verb, CancellationToken stopping)
    {
        if (route.Type.Namespaced && route.Namespace is null && route.Name is not null)
        {
            throw StatusObjects.UnknownPath();
        }

        if (route.Subresource is not null && route.Subresource != "status")
        {
            throw StatusObjects.UnknownPath();
        }

        return verb switch
        {
            "get" => GetAsync(context, route),
            "list" => ListAsync(context, route),
            "watch" => watches.StreamAsync(context, route, Filter(context.Request), stopping),
            "create" => CreateAsync(context, route),
            "update" => UpdateAsync(context, route),
            "patch" => PatchAsync(context, route),
            "delete" => DeleteAsync(context, route),
            "deletecollection" => DeleteCollectionAsync(context, route),
            _ => throw StatusObjects.MethodNotAllowed(),
        };
    }

    private static bool IsWatch(HttpRequest request) =>
        request.Query["watch"].ToString() is "true" or "1" or "True";

    private static Func<JsonObject, bool> Filter(HttpRequest request)
    {
        var labels = LabelSelector.Parse(request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(request.Query["fieldSelector"]);
        return obj => labels.Matches(obj.Labels()) && fields.Matches(obj);
    }

    private async Task GetAsync(HttpContext context, ResourceRoute route) =>
        await context.WriteJsonAsync(200, store.Get(route.Type, route.Namespace ?? "", route.Name!));

    private async Task ListAsync(HttpContext context, ResourceRoute route)
    {
        var (items, rv) = store.List(route.Type, route.Namespace);
        var filter = Filter(context.Request);
        await context.WriteJsonAsync(200, ListResponses.Build(route.Type, items.Where(filter), rv));
    }

    private static string NamespaceFor(ResourceRoute route, JsonObject body)
    {
        if (!route.Type.Namespaced)
        {
            return "";
        }

        var inBody = body.Namespace();
        if (inBody.Length > 0 && route.Namespace is not null && inBody != route.Namespace)
        {
            throw StatusObjects.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return route.Namespace ?? inBody;
    }

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        var kind = body.Str("kind");
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw StatusObjects.BadRequest($"the API version in the data ({body.Str("apiVersion")}) does not match the expected API version ({type.GroupVersion})");
        }
    }
}
