using System.Collections.Concurrent;
using System.Security.Cryptography;
using Telepath.KubeApi.TestServer.Http;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>Bearer tokens the server accepts and the user each one authenticates as.</summary>
public sealed class TokenRegistry
{
    private readonly ConcurrentDictionary<string, string> users = new(StringComparer.Ordinal);

    public void Add(string token, string user) => users[token] = user;

    /// <summary>A new random token for <paramref name="user"/>, accepted from now on.</summary>
    public string Issue(string user)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Add(token, user);
        return token;
    }

    /// <summary>The token stops working, as when it expires or its service account is deleted.</summary>
    public void Expire(string token) => users.TryRemove(token, out _);

    /// <summary>The user behind the request's <c>Authorization: Bearer</c> header; 401 Unauthorized otherwise.</summary>
    public string Authenticate(string? authorizationHeader)
    {
        const string Scheme = "Bearer ";
        if (authorizationHeader is not null &&
            authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) &&
            users.TryGetValue(authorizationHeader[Scheme.Length..].Trim(), out var user))
        {
            return user;
        }

        throw StatusObjects.Unauthorized();
    }
}
