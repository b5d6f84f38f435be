using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Auth;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Tokens;

namespace Telepath.KubeApi.TestServer.Http;

/// <summary>
/// The create-only reviews: POST a TokenReview or a (Self)SubjectAccessReview, get it back 201 with
/// its <c>status</c> filled in and <c>metadata.creationTimestamp: null</c>, as nothing is stored.
/// </summary>
internal sealed partial class ReviewEndpoint(ServiceAccountTokens tokens, AccessRules access)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route, string user)
    {
        if (route.Name is not null || route.Subresource is not null)
        {
            throw StatusObjects.UnknownPath();
        }

        if (context.Request.Method != HttpMethods.Post)
        {
            throw StatusObjects.MethodNotAllowed();
        }

        var body = await context.Request.ReadObjectAsync(context.RequestAborted);
        if (body.Str("kind") is { Length: > 0 } kind && kind != route.Type.Kind)
        {
            throw StatusObjects.BadRequest($"the API version in the data ({body.Str("apiVersion")}) does not match the expected API version ({route.Type.GroupVersion})");
        }

        var spec = body["spec"] as JsonObject ?? [];
        var (echoed, status) = route.Type == ResourceCatalog.TokenReviews ? TokenReview(spec)
            : route.Type == ResourceCatalog.SubjectAccessReviews ? SubjectAccessReview(spec)
            : SelfSubjectAccessReview(spec, user);
        var metadata = body["metadata"]?.DeepClone() as JsonObject ?? [];
        if (!metadata.ContainsKey("creationTimestamp"))
        {
            metadata["creationTimestamp"] = null;
        }

        await context.WriteJsonAsync(201, new JsonObject
        {
            ["kind"] = route.Type.Kind,
            ["apiVersion"] = route.Type.GroupVersion,
            ["metadata"] = metadata,
            ["spec"] = echoed,
            ["status"] = status,
        });
    }

    /// <summary>pkg/registry/authentication/tokenreview: the token checked for the review's audiences, else the API server's.</summary>
    private (JsonObject Spec, JsonObject Status) TokenReview(JsonObject spec)
    {
        var token = spec.Str("token") ?? "";
        if (token.Length == 0)
        {
            throw StatusObjects.BadRequest("token is required for TokenReview in authentication");
        }

        var audiences = Strings(spec["audiences"]);
        var result = tokens.Review(token, audiences);
        var echoed = new JsonObject { ["token"] = token };
        if (audiences.Count > 0)
        {
            echoed["audiences"] = Array(audiences);
        }

        var status = new JsonObject();
        if (result.Authenticated)
        {
            status["authenticated"] = true;
        }

        status["user"] = result.User?.ToJson() ?? [];
        if (result.Audiences.Count > 0)
        {
            status["audiences"] = Array(result.Audiences);
        }

        if (result.Error is not null)
        {
            status["error"] = result.Error;
        }

        return (echoed, status);
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(a => a?.GetValue<string>()).OfType<string>().ToList();

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
