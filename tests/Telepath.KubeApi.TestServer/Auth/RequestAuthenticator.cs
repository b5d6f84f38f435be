using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Tokens;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>
/// Bearer authentication as the API server does it: the tokens a test registered, then service account
/// tokens for the API server's own audience. A token for another audience ("telepath") gets 401 here.
/// </summary>
internal sealed class RequestAuthenticator(TokenRegistry registry, ServiceAccountTokens serviceAccounts)
{
    private const string Scheme = "Bearer ";

    /// <summary>The user behind the request's <c>Authorization: Bearer</c> header; 401 Unauthorized otherwise.</summary>
    public string Authenticate(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw StatusObjects.Unauthorized();
        }

        var token = authorizationHeader[Scheme.Length..].Trim();
        if (registry.TryGetUser(token, out var user))
        {
            return user;
        }

        return serviceAccounts.Review(token, []) is { Authenticated: true, User: { } account }
            ? account.Username
            : throw StatusObjects.Unauthorized();
    }
}
