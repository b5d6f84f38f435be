using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>A name and uid, as the <c>kubernetes.io</c> claim refers to objects.</summary>
internal sealed record ObjectRef(string Name, string Uid);

/// <summary>
/// The claims of a bound service account token (kubernetes pkg/serviceaccount/claims.go, 1.32+: with
/// <c>jti</c> and, for a pod on a node, the node). go-jose writes them with sorted keys, nested ones too.
/// </summary>
internal sealed record ServiceAccountClaims(
    string Issuer,
    IReadOnlyList<string> Audiences,
    long IssuedAt,
    long NotBefore,
    long Expiry,
    string Id,
    string Namespace,
    ObjectRef ServiceAccount,
    ObjectRef? Pod,
    ObjectRef? Node)
{
    public string Subject => ServiceAccountUser.UsernameOf(Namespace, ServiceAccount.Name);

    public JsonObject ToJson()
    {
        var kubernetes = new JsonObject { ["namespace"] = Namespace };
        if (Node is not null)
        {
            kubernetes["node"] = Ref(Node);
        }

        if (Pod is not null)
        {
            kubernetes["pod"] = Ref(Pod);
        }

        kubernetes["serviceaccount"] = Ref(ServiceAccount);
        return new JsonObject
        {
            ["aud"] = new JsonArray(Audiences.Select(a => (JsonNode)a).ToArray()),
            ["exp"] = Expiry,
            ["iat"] = IssuedAt,
            ["iss"] = Issuer,
            ["jti"] = Id,
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = NotBefore,
            ["sub"] = Subject,
        };
    }

    /// <summary>The claims of a verified token; null when they are not a service account's.</summary>
    public static ServiceAccountClaims? FromJson(JsonObject payload)
    {
        var kubernetes = payload["kubernetes.io"];
        if (kubernetes?.Str("namespace") is not { } ns || RefAt(kubernetes, "serviceaccount") is not { } serviceAccount)
        {
            return null;
        }

        return new ServiceAccountClaims(payload.Str("iss") ?? "", AudiencesOf(payload["aud"]),
            payload.Long("iat"), payload.Long("nbf"), payload.Long("exp"), payload.Str("jti") ?? "",
            ns, serviceAccount, RefAt(kubernetes, "pod"), RefAt(kubernetes, "node"));
    }

    // "aud" is a string or an array of them (RFC 7519 4.1.3).
    private static IReadOnlyList<string> AudiencesOf(JsonNode? aud) => aud switch
    {
        JsonArray many => many.Select(a => a?.GetValue<string>()).OfType<string>().ToList(),
        JsonValue one when one.TryGetValue<string>(out var single) => [single],
        _ => [],
    };

    private static JsonObject Ref(ObjectRef reference)
    {
        var json = new JsonObject { ["name"] = reference.Name };
        if (reference.Uid.Length > 0)
        {
            json["uid"] = reference.Uid;
        }

        return json;
    }

    private static ObjectRef? RefAt(JsonNode kubernetes, string name) =>
        kubernetes[name] is JsonObject o && o.Str("name") is { } refName ? new ObjectRef(refName, o.Str("uid") ?? "") : null;
}
