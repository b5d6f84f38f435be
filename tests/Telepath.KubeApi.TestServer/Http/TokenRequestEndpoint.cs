using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Tokens;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Http;

/// <summary>
/// <c>POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token</c>: an authentication.k8s.io/v1
/// TokenRequest in, the same TokenRequest completed (name, namespace, creationTimestamp, defaulted
/// spec) with <c>status.token</c> and <c>status.expirationTimestamp</c> out, 201 Created.
/// </summary>
internal sealed class TokenRequestEndpoint(ServiceAccountTokens tokens)
{
    private const string ApiVersion = "authentication.k8s.io/v1";

    public async Task HandleAsync(HttpContext context, string @namespace, string name)
    {
        if (context.Request.Method != HttpMethods.Post)
        {
            throw StatusObjects.MethodNotAllowed();
        }

        var body = await context.Request.ReadObjectAsync(context.RequestAborted);
        if (body.Str("kind") is { Length: > 0 } kind && kind != "TokenRequest")
        {
            throw StatusObjects.BadRequest($"the API version in the data ({body.Str("apiVersion")}) does not match the expected API version ({ApiVersion})");
        }

        MustMatch(body, "name", name, "must match the service account name if specified");
        MustMatch(body, "namespace", @namespace, "must match the service account namespace if specified");
        var issued = tokens.Issue(@namespace, name, SpecOf(body["spec"] as JsonObject));
        await context.WriteJsonAsync(201, Response(@namespace, name, issued));
    }

    private static void MustMatch(JsonObject body, string field, string expected, string why)
    {
        if (body["metadata"].Str(field) is { Length: > 0 } given && given != expected)
        {
            throw ObjectValidator.Invalid(ServiceAccountTokens.TokenRequests, expected, [FieldError.Invalid($"metadata.{field}", given, why)]);
        }
    }

    private static TokenRequestSpec SpecOf(JsonObject? spec)
    {
        var audiences = spec.Array("audiences").Select(a => a?.GetValue<string>()).OfType<string>().ToList();
        var seconds = spec?["expirationSeconds"] is JsonValue v ? JsonPaths.AsLong(v) : null;
        var bound = spec?["boundObjectRef"] is JsonObject r
            ? new BoundObjectRef(r.Str("kind") ?? "", r.Str("apiVersion") ?? "", r.Str("name") ?? "", r.Str("uid"))
            : null;
        return new TokenRequestSpec(audiences, seconds ?? TokenRequestSpec.DefaultExpirationSeconds, bound);
    }

    private static JsonObject Response(string @namespace, string name, IssuedToken issued)
    {
        var spec = new JsonObject
        {
            ["audiences"] = new JsonArray(issued.Spec.Audiences.Select(a => (JsonNode)a).ToArray()),
            ["expirationSeconds"] = issued.Spec.ExpirationSeconds,
        };
        if (issued.Spec.BoundObject is { } bound)
        {
            var reference = new JsonObject { ["kind"] = bound.Kind, ["apiVersion"] = bound.ApiVersion, ["name"] = bound.Name };
            if (!string.IsNullOrEmpty(bound.Uid))
            {
                reference["uid"] = bound.Uid;
            }

            spec["boundObjectRef"] = reference;
        }

        return new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["creationTimestamp"] = Timestamp(issued.IssuedAt) },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["token"] = issued.Token, ["expirationTimestamp"] = Timestamp(issued.ExpirationTimestamp) },
        };
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
