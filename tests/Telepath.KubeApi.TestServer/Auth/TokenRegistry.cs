using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

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

    /// <summary>The user a registered token authenticates as; false for any other token.</summary>
    public bool TryGetUser(string token, [NotNullWhen(true)] out string? user) => users.TryGetValue(token, out user);
}
