using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Auth;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.PortForward;

namespace Telepath.KubeApi.TestServer.Http;

/// <summary>
/// Every request: authenticate, resolve the path, authorize, then discovery, a resource verb, a
/// port-forward, a TokenRequest or a review. Failures become Status objects with the matching HTTP code.
/// </summary>
internal sealed class KubeApiHandler(
    RequestAuthenticator authenticator,
    AccessRules access,
    ResourceEndpoint resources,
    PortForwardEndpoint portForwards,
    TokenRequestEndpoint tokenRequests,
    ReviewEndpoint reviews,
    ServedResources served,
    Func<string> serverAddress,
    CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var user = authenticator.Authenticate(context.Request.Headers.Authorization.FirstOrDefault());
            await RouteAsync(context, user);
        }
        catch (KubeStatusException e) when (!context.Response.HasStarted)
        {
            await context.WriteJsonAsync(e.Code, e.ToStatus());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client left or the server is stopping.
        }
    }

    private async Task RouteAsync(HttpContext context, string user)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["version"]:
                await context.WriteJsonAsync(200, served.Version());
                return;
            case ["healthz" or "readyz" or "livez"]:
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            case ["openapi", "v3"]:
                await context.WriteJsonAsync(200, OpenApiDocuments.Root(served));
                return;
            case ["openapi", "v3", .. var gv]:
                await context.WriteJsonAsync(200, OpenApiDocuments.GroupVersion(served, string.Join('/', gv)) ?? throw StatusObjects.UnknownPath());
                return;
            case ["api"]:
                await context.WriteJsonAsync(200, DiscoveryDocuments.CoreVersions(serverAddress()));
                return;
            case ["apis"]:
                await context.WriteJsonAsync(200, DiscoveryDocuments.Groups(served));
                return;
            case ["apis", var group]:
                await context.WriteJsonAsync(200, DiscoveryDocuments.Group(served, group) ?? throw StatusObjects.UnknownPath());
                return;
            case ["api", "v1"]:
                await context.WriteJsonAsync(200, DiscoveryDocuments.Resources(served, "v1")!);
                return;
            case ["apis", var group, var version]:
                await context.WriteJsonAsync(200, DiscoveryDocuments.Resources(served, $"{group}/{version}") ?? throw StatusObjects.UnknownPath());
                return;
            case ["api", "v1", .. var rest]:
                await ResourceAsync(context, user, ResourceRoute.Parse("", "v1", rest));
                return;
            case ["apis", var group, var version, .. var rest]:
                await ResourceAsync(context, user, ResourceRoute.Parse(group, version, rest));
                return;
            default:
                throw StatusObjects.UnknownPath();
        }
    }

    private async Task ResourceAsync(HttpContext context, string user, ResourceRoute? route)
    {
        if (route is null || !served.Serves(route.Type))
        {
            throw StatusObjects.UnknownPath();
        }

        var verb = ResourceEndpoint.VerbOf(context.Request, route);
        access.Authorize(RequestAttributes.For(user, verb, route.Type, route.Subresource, route.Namespace, route.Name));
        if (route.Subresource == "portforward" && route.Type == ResourceCatalog.Pods)
        {
            await portForwards.HandleAsync(context, route.Namespace!, route.Name!, stopping);
            return;
        }

        if (route.Subresource == "token" && route.Type == ResourceCatalog.ServiceAccounts && route.Namespace is not null)
        {
            await tokenRequests.HandleAsync(context, route.Namespace, route.Name!);
            return;
        }

        if (route.Type.CreateOnly)
        {
            await reviews.HandleAsync(context, route, user);
            return;
        }

        await resources.HandleAsync(context, route, verb, stopping);
    }
}
