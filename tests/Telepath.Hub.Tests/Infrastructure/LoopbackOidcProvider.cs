using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>Who is signed in at the provider when the hub sends a person there.</summary>
public sealed record ProviderIdentity(string Subject, string Email, bool EmailVerified = true);

/// <summary>How the provider gets its ID token wrong, for tests that the hub's handler refuses it.</summary>
public enum IdTokenFault
{
    None,
    SignedWithAnotherKey,
    ForAnotherAudience,
    WrongNonce,
}

/// <summary>
/// An OpenID Connect provider on 127.0.0.1:0 that speaks the code flow as a real one does: discovery, a JWKS with
/// its RSA key, `authorize` (the person is <see cref="SignedIn"/>, no login form) redirecting back with a code and
/// the state, `token` checking the code, redirect URI, PKCE verifier and client secret before it returns an RS256 ID
/// token, and `userinfo` for the access token it issued.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string ClientId = "telepath-hub";
    public const string ClientSecret = "loopback-client-secret";
    public const string DisplayName = "Example SSO";
    private const string KeyId = "loopback-key";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, ProviderIdentity> _accessTokens = new();
    private int _idTokensIssued;

    private sealed record Grant(ProviderIdentity Identity, string RedirectUri, string CodeChallenge, string Nonce);

    private LoopbackOidcProvider(WebApplication app) => _app = app;

    /// <summary>The authority the hub is configured with; discovery says the same issuer.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The person the next `authorize` request signs in; null answers it with an error.</summary>
    public ProviderIdentity? SignedIn { get; set; }

    public IdTokenFault Fault { get; set; }

    public int IdTokensIssued => _idTokensIssued;

    /// <summary>The hub's `Hub:Oidc` settings for this provider.</summary>
    public OidcOptions Options => new(Issuer, ClientId, ClientSecret, DisplayName);

    public static async Task<LoopbackOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new LoopbackOidcProvider(app);
        provider.Map(app);
        await app.StartAsync();
        provider.Issuer = HubHost.BoundAddress(app).ToString().TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["userinfo_endpoint"] = $"{Issuer}/userinfo",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet("/jwks", () =>
        {
            var key = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
                },
            });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", TokenAsync);
        app.MapGet("/userinfo", UserInfo);
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]) || string.IsNullOrEmpty(query["nonce"]))
        {
            return Results.BadRequest("not a code request with PKCE from the registered client");
        }

        if (SignedIn is not { } identity)
        {
            return Results.BadRequest("nobody is signed in at the provider");
        }

        var code = RandomNumberGenerator.GetHexString(32);
        _codes[code] = new Grant(identity, query["redirect_uri"]!, query["code_challenge"]!, query["nonce"]!);
        var back = QueryHelpers.AddQueryString(query["redirect_uri"]!, new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] });
        return Results.Redirect(back);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, clientSecret) = ClientCredentials(request, form);
        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        // A code is spent by its first use, right or wrong.
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || form["redirect_uri"] != grant.RedirectUri || Challenge(form["code_verifier"].ToString()) != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var accessToken = RandomNumberGenerator.GetHexString(32);
        _accessTokens[accessToken] = grant.Identity;
        Interlocked.Increment(ref _idTokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = IdToken(grant, accessToken),
        });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var identity))
        {
            return Results.Unauthorized();
        }

        return Results.Json(new Dictionary<string, object> { ["sub"] = identity.Subject, ["email"] = identity.Email, ["email_verified"] = identity.EmailVerified });
    }

    private string IdToken(Grant grant, string accessToken)
    {
        var now = DateTime.UtcNow;
        var key = Fault == IdTokenFault.SignedWithAnotherKey ? _otherKey : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Fault == IdTokenFault.ForAnotherAudience ? "another-client" : ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = grant.Identity.Subject,
                ["email"] = grant.Identity.Email,
                ["email_verified"] = grant.Identity.EmailVerified,
                ["nonce"] = Fault == IdTokenFault.WrongNonce ? "not-the-nonce-the-hub-sent" : grant.Nonce,
                ["at_hash"] = LeftHalfHash(accessToken),
            },
            // The same key id either way: a forged token names the published key but is not signed by it.
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string LeftHalfHash(string accessToken) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _otherKey.Dispose();
    }
}
