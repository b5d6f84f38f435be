using System.Net;
using Telepath.Hub.Security;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Security;

public abstract class CookieTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task Over_plain_http_the_session_cookie_is_httponly_and_lax_but_not_secure()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();

        var cookies = await SignInSetCookiesAsync(hub);

        var session = Assert.Single(cookies, c => c.StartsWith(CookieSettings.SessionCookie + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", session);
        Assert.Contains("samesite=lax", session);
        Assert.DoesNotContain("secure", session);
    }

    [HubFact]
    public async Task With_an_https_public_url_every_cookie_is_secure_httponly_and_lax()
    {
        // Set up over plain http first: a cookie jar will not send the Secure cookies back over the test's http.
        var database = NewDatabase();
        await using (var plain = await TestHub.StartAsync(database))
        {
            (await plain.SetUpAdminAsync()).Dispose();
        }

        await using var hub = await StartHubAsync(database, options => options with { PublicUrl = new Uri("https://hub.example.com") });

        var cookies = await SignInSetCookiesAsync(hub, CookieSettings.HostPrefix);

        Assert.Contains(cookies, c => c.StartsWith(CookieSettings.HostPrefix + CookieSettings.SessionCookie + "=", StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            var lower = cookie.ToLowerInvariant();
            Assert.Contains("secure", lower);
            Assert.Contains("httponly", lower);
            Assert.Contains("samesite=lax", lower);
        });
    }

    [HubFact]
    public async Task With_an_https_public_url_the_hubs_cookies_are_host_prefixed_for_the_whole_host()
    {
        var database = NewDatabase();
        await using (var plain = await TestHub.StartAsync(database))
        {
            (await plain.SetUpAdminAsync()).Dispose();
        }

        await using var hub = await StartHubAsync(database, options => options with { PublicUrl = new Uri("https://hub.example.com") });

        var cookies = await SignInSetCookiesAsync(hub, CookieSettings.HostPrefix);

        foreach (var name in new[] { CookieSettings.SessionCookie, CookieSettings.AntiforgeryCookie })
        {
            var cookie = Assert.Single(cookies, c => c.StartsWith($"{CookieSettings.HostPrefix}{name}=", StringComparison.Ordinal)).ToLowerInvariant();
            // What browsers require of a __Host- cookie; one that lacks any of it is dropped.
            Assert.Contains("; secure", cookie);
            Assert.Contains("; path=/", cookie);
            Assert.DoesNotContain("domain=", cookie);
        }

        Assert.All(cookies, cookie => Assert.StartsWith(CookieSettings.HostPrefix, cookie));
    }

    /// <summary>
    /// Signs in carrying cookies by hand: a cookie jar would not send Secure cookies back over the test's plain
    /// http, which is exactly what a browser does too, and the point of the flag.
    /// </summary>
    /// <param name="prefix">`__Host-` for an https hub.</param>
    private static async Task<List<string>> SignInSetCookiesAsync(TestHub hub, string prefix = "")
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = hub.BaseAddress };
        using var form = await client.GetAsync("/signin");
        var page = await HubPage.ReadAsync(form);
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix + CookieSettings.AntiforgeryCookie + "=", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = page.AntiforgeryToken,
                ["Email"] = HubScenarios.AdminEmail,
                ["Password"] = HubTestBase.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return [.. form.Headers.GetValues("Set-Cookie"), .. response.Headers.GetValues("Set-Cookie")];
    }
}

public sealed class CookieTestsOnSqlite() : CookieTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class CookieTestsOnPostgres() : CookieTests(HubDatabaseKind.Postgres);
