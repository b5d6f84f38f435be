using System.Net;
using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telepath.Hub.Hosting;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

/// <summary>
/// OIDC up to the provider's door: a loopback server publishes discovery metadata, and the hub's challenge is
/// checked to be a code flow with PKCE back to /signin-oidc. The way back, with a provider that issues tokens, is
/// <see cref="OidcSignInTests"/>.
/// </summary>
public sealed class OidcConfigurationTests() : HubTestBase(HubDatabaseKind.Sqlite)
{
    [Fact]
    public async Task Without_oidc_settings_the_sign_in_page_offers_passwords_only()
    {
        await using var hub = await StartHubAsync();
        using var browser = hub.Browser();

        var page = await browser.GetAsync("/signin");
        var challenge = await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=Oidc");

        Assert.DoesNotContain("Sign in with", page.Html);
        Assert.Equal(HttpStatusCode.NotFound, challenge.Status);
    }

    [Fact]
    public async Task With_oidc_settings_sign_in_offers_the_provider_and_sends_a_pkce_code_request_to_it()
    {
        await using var provider = await StartDiscoveryAsync();
        var authority = HubHost.BoundAddress(provider).ToString().TrimEnd('/');
        await using var hub = await StartHubAsync(adjust: options => options with
        {
            Oidc = new OidcOptions(authority, "telepath-hub", "secret", "Example SSO"),
        });
        using var browser = hub.Browser();

        var page = await browser.GetAsync("/signin");
        var challenge = await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=Oidc");

        Assert.Contains("Sign in with Example SSO", page.Html);
        Assert.Equal(HttpStatusCode.Redirect, challenge.Status);
        var location = new Uri(challenge.Location!);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal($"{authority}/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Equal("telepath-hub", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal($"{hub.BaseAddress.GetLeftPart(UriPartial.Authority)}/signin-oidc", query["redirect_uri"]);
        Assert.Contains("email", query["scope"]!.Split(' '));
    }

    [Fact]
    public async Task With_a_public_url_the_provider_is_asked_to_send_people_back_there_whatever_the_host_header()
    {
        await using var provider = await StartDiscoveryAsync();
        var authority = HubHost.BoundAddress(provider).ToString().TrimEnd('/');
        await using var hub = await StartHubAsync(adjust: options => options with
        {
            PublicUrl = new Uri("http://hub.example.com:8443"),
            Oidc = new OidcOptions(authority, "telepath-hub", "secret", "Example SSO"),
        });
        using var browser = hub.Browser();
        browser.Client.DefaultRequestHeaders.Host = "evil.example";

        await browser.GetAsync("/signin");
        var challenge = await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=Oidc");

        Assert.Equal(HttpStatusCode.Redirect, challenge.Status);
        Assert.Equal("http://hub.example.com:8443/signin-oidc", HttpUtility.ParseQueryString(new Uri(challenge.Location!).Query)["redirect_uri"]);
    }

    private static async Task<WebApplication> StartDiscoveryAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var issuer = $"{request.Scheme}://{request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await app.StartAsync();
        return app;
    }
}
