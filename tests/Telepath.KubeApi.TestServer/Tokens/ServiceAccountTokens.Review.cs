using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Tokens;

internal sealed partial class ServiceAccountTokens
{
    // go-jose's DefaultLeeway: a token is still accepted a minute after its exp.
    private static readonly TimeSpan Leeway = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Authenticates a token for <paramref name="audiences"/> (none: <see cref="ApiAudiences"/>) in the
    /// order and words of kubernetes pkg/serviceaccount/jwt.go and claims.go: issuer, signature,
    /// audience, times, then the service account and bound pod must still exist with the same uid.
    /// </summary>
    public TokenReviewResult Review(string token, IReadOnlyList<string> audiences)
    {
        if (JsonWebToken.TryParse(token) is not { } jws || jws.Payload.Str("iss") != issuer)
        {
            return TokenReviewResult.Unrecognised;
        }

        if (!jws.IsSignedBy(key))
        {
            return TokenReviewResult.Refused("go-jose/go-jose: error in cryptographic primitive");
        }

        if (ServiceAccountClaims.FromJson(jws.Payload) is not { } claims)
        {
            return TokenReviewResult.Refused("service account token claims could not be validated");
        }

        var tokenAudiences = claims.Audiences.Count > 0 ? claims.Audiences : ApiAudiences;
        var requested = audiences.Count > 0 ? audiences : ApiAudiences;
        var granted = tokenAudiences.Where(requested.Contains).ToList();
        if (granted.Count == 0)
        {
            return TokenReviewResult.Refused($"token audiences {GoQuoted(tokenAudiences)} is invalid for the target audiences {GoQuoted(requested)}");
        }

        return (TimeError(claims) ?? ObjectError(claims)) is { } why
            ? TokenReviewResult.Refused(why)
            : new TokenReviewResult(true, ServiceAccountUser.Of(claims), granted, null);
    }

    private string? TimeError(ServiceAccountClaims claims)
    {
        var now = time.GetUtcNow();
        return now + Leeway < DateTimeOffset.FromUnixTimeSeconds(claims.NotBefore) ? "service account token is not valid yet"
            : now - Leeway > DateTimeOffset.FromUnixTimeSeconds(claims.Expiry) ? "service account token has expired"
            : now + Leeway < DateTimeOffset.FromUnixTimeSeconds(claims.IssuedAt) ? "service account token is issued in the future"
            : null;
    }

    // Deleting the service account or the bound pod (or replacing either by a namesake) revokes the token.
    private string? ObjectError(ServiceAccountClaims claims)
    {
        var account = store.TryGet(ResourceCatalog.ServiceAccounts, claims.Namespace, claims.ServiceAccount.Name);
        if (account is null)
        {
            return $"serviceaccounts \"{claims.ServiceAccount.Name}\" not found";
        }

        if (account.Uid() != claims.ServiceAccount.Uid)
        {
            return $"service account UID ({account.Uid()}) does not match claim ({claims.ServiceAccount.Uid})";
        }

        if (claims.Pod is null)
        {
            return null;
        }

        var pod = store.TryGet(ResourceCatalog.Pods, claims.Namespace, claims.Pod.Name);
        return pod is null ? "service account token has been invalidated"
            : pod.Uid() != claims.Pod.Uid ? $"pod UID ({pod.Uid()}) does not match service account pod ref claim ({claims.Pod.Uid})"
            : null;
    }

    // Go's %q of a []string: ["a" "b"].
    private static string GoQuoted(IEnumerable<string> values) =>
        $"[{string.Join(' ', values.Select(v => $"\"{v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""))}]";
}
