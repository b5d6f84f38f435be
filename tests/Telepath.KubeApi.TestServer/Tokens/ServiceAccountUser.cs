using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>
/// Who a service account token authenticates as (apiserver's <c>ServiceAccountInfo.UserInfo</c>, plus
/// the <c>system:authenticated</c> group the authenticator chain adds), as a TokenReview's <c>status.user</c>.
/// </summary>
internal sealed record ServiceAccountUser(string Username, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, string> Extra)
{
    public const string PodNameKey = "authentication.kubernetes.io/pod-name";
    public const string PodUidKey = "authentication.kubernetes.io/pod-uid";
    public const string NodeNameKey = "authentication.kubernetes.io/node-name";
    public const string NodeUidKey = "authentication.kubernetes.io/node-uid";
    public const string CredentialIdKey = "authentication.kubernetes.io/credential-id";

    public static string UsernameOf(string @namespace, string name) => $"system:serviceaccount:{@namespace}:{name}";

    public static ServiceAccountUser Of(ServiceAccountClaims claims)
    {
        // A Go map: encoding/json writes its keys sorted.
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (claims.Pod is { } pod)
        {
            extra[PodNameKey] = pod.Name;
            extra[PodUidKey] = pod.Uid;
        }

        if (claims.Id.Length > 0)
        {
            extra[CredentialIdKey] = $"JTI={claims.Id}";
        }

        if (claims.Node is { } node)
        {
            extra[NodeNameKey] = node.Name;
            if (node.Uid.Length > 0)
            {
                extra[NodeUidKey] = node.Uid;
            }
        }

        return new ServiceAccountUser(claims.Subject, claims.ServiceAccount.Uid,
            ["system:serviceaccounts", $"system:serviceaccounts:{claims.Namespace}", "system:authenticated"], extra);
    }

    public JsonObject ToJson()
    {
        var user = new JsonObject
        {
            ["username"] = Username,
            ["uid"] = Uid,
            ["groups"] = new JsonArray(Groups.Select(g => (JsonNode)g).ToArray()),
        };
        if (Extra.Count > 0)
        {
            user["extra"] = new JsonObject(Extra.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonArray(p.Value))));
        }

        return user;
    }
}
