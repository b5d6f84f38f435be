using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Validation;

namespace Telepath.KubeApi.TestServer.Tokens;

internal sealed partial class ServiceAccountTokens
{
    /// <summary>Not served on its own: the <c>serviceaccounts/token</c> subresource's kind, for Invalid messages.</summary>
    public static readonly ResourceType TokenRequests = new("authentication.k8s.io", "v1", "token", "TokenRequest", true, []);

    private const long MinExpirationSeconds = 10 * 60;
    private const long MaxExpirationSeconds = 1L << 32;

    /// <summary>
    /// A token for the service account, as TokenRequest (pkg/registry/core/serviceaccount/storage/token.go)
    /// makes it, refusing what it refuses. Bound objects are pods only (not secrets or nodes).
    /// </summary>
    public IssuedToken Issue(string @namespace, string serviceAccount, TokenRequestSpec request)
    {
        var account = store.Get(ResourceCatalog.ServiceAccounts, @namespace, serviceAccount);
        var spec = request.Audiences.Count > 0 ? request : request with { Audiences = ApiAudiences };
        Validate(spec);
        var (pod, node) = Bound(@namespace, serviceAccount, spec.BoundObject);
        var now = time.GetUtcNow();
        var expiry = now.AddSeconds(spec.ExpirationSeconds);
        var claims = new ServiceAccountClaims(issuer, spec.Audiences, now.ToUnixTimeSeconds(), now.ToUnixTimeSeconds(),
            expiry.ToUnixTimeSeconds(), Guid.NewGuid().ToString(), @namespace, new ObjectRef(account.Name(), account.Uid()), pod, node);
        return new IssuedToken(JsonWebToken.Sign(claims.ToJson(), key), now, expiry, spec);
    }

    private static void Validate(TokenRequestSpec spec)
    {
        var why = spec.ExpirationSeconds < MinExpirationSeconds ? "may not specify a duration less than 10 minutes"
            : spec.ExpirationSeconds > MaxExpirationSeconds ? "may not specify a duration larger than 2^32 seconds"
            : null;
        if (why is not null)
        {
            throw ObjectValidator.Invalid(TokenRequests, "", [FieldError.Invalid("spec.expirationSeconds", JsonValue.Create(spec.ExpirationSeconds), why)]);
        }
    }

    private (ObjectRef? Pod, ObjectRef? Node) Bound(string @namespace, string serviceAccount, BoundObjectRef? reference)
    {
        if (reference is null)
        {
            return (null, null);
        }

        var slash = reference.ApiVersion.LastIndexOf('/');
        var group = slash < 0 ? "" : reference.ApiVersion[..slash];
        if (group.Length > 0 || reference.Kind != "Pod")
        {
            throw StatusObjects.BadRequest($"cannot bind token to object of type {group}/{reference.ApiVersion[(slash + 1)..]}, Kind={reference.Kind}");
        }

        var pod = store.Get(ResourceCatalog.Pods, @namespace, reference.Name);
        if (pod.At("spec.serviceAccountName")?.GetValue<string>() != serviceAccount)
        {
            throw StatusObjects.BadRequest($"cannot bind token for serviceaccount \"{serviceAccount}\" to pod running with different serviceaccount name.");
        }

        if (!string.IsNullOrEmpty(reference.Uid) && reference.Uid != pod.Uid())
        {
            throw new KubeStatusException(409, "Conflict",
                $"Operation cannot be fulfilled on Pod \"{reference.Name}\": the UID in the bound object reference ({reference.Uid}) does not match the UID in record. The object might have been deleted and then recreated",
                new JsonObject { ["name"] = reference.Name, ["kind"] = "Pod" });
        }

        return (new ObjectRef(pod.Name(), pod.Uid()), NodeOf(pod));
    }

    // A pod on a node names it too, with its uid when the Node object exists (ServiceAccountTokenPodNodeInfo).
    private ObjectRef? NodeOf(JsonObject pod) =>
        pod.At("spec.nodeName")?.GetValue<string>() is { Length: > 0 } nodeName
            ? new ObjectRef(nodeName, store.TryGet(ResourceCatalog.Nodes, "", nodeName)?.Uid() ?? "")
            : null;
}
