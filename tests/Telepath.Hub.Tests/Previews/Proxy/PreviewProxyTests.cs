using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Telepath.Hub.Previews.Proxy;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Testing.Network;

namespace Telepath.Hub.Tests.Previews.Proxy;

/// <summary>Requests to `&lt;id&gt;.localhost` go to a real loopback ingress, with the intercept's header and without the hub's cookies.</summary>
public abstract class PreviewProxyTests(HubDatabaseKind database) : HubTestBase(database)
{
    private const string Banner = "id=\"telepath-preview-banner\"";

    /// <summary>A hub, a loopback ingress, and a preview of it made by the set-up admin's laptop.</summary>
    private async Task<PreviewSetUp> PreviewAsync(bool isPublic, bool tls = false, Func<Telepath.Hub.Hosting.HubOptions, Telepath.Hub.Hosting.HubOptions>? adjust = null)
    {
        var hub = await StartHubAsync(adjust: adjust);
        var ingress = Own(await LoopbackIngress.StartAsync(tls));
        var (owner, laptop) = await hub.OwnerAsync();
        var created = await laptop.CreatePreviewAsync(PreviewScenarios.Body(ingress.Port, isPublic, tls: tls));
        return new PreviewSetUp(hub, ingress, owner, laptop, created.GetProperty("id").GetString()!, created.GetProperty("url").GetString()!);
    }

    private sealed record PreviewSetUp(TestHub Hub, LoopbackIngress Ingress, HubBrowser Owner, HttpClient Laptop, string Id, string Url);

    [HubFact]
    public async Task A_public_preview_adds_the_header_presents_the_l5_host_and_strips_the_hubs_cookies()
    {
        var (hub, _, _, _, _, url) = await PreviewAsync(isPublic: true);
        using var visitor = new PreviewVisitor(hub.BaseAddress);
        var host = new Uri(url).Host;
        foreach (var name in new[] { "telepath-preview", "telepath_hub", "app_session" })
        {
            visitor.Cookies.Add(new Cookie(name, "value-of-" + name, "/", host));
        }

        var page = await visitor.GetAsync(url + "echo/some/path?q=1");
        var echo = JsonDocument.Parse(page.Html).RootElement;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(PreviewScenarios.HeaderValue, echo.GetProperty("intercept").GetString());
        Assert.Equal("shop.example", echo.GetProperty("host").GetString());
        Assert.Equal("/echo/some/path?q=1", echo.GetProperty("path").GetString());
        Assert.Equal("app_session=value-of-app_session", echo.GetProperty("cookie").GetString());
        Assert.Null(echo.GetProperty("accept_encoding").GetString());
        Assert.Equal("127.0.0.1", echo.GetProperty("forwarded_for").GetString());
        Assert.Equal("http", echo.GetProperty("forwarded_proto").GetString());
        Assert.Equal(new Uri(url).Authority, echo.GetProperty("forwarded_host").GetString());
    }

    [HubFact]
    public async Task A_tls_ingress_is_asked_for_the_l5_host_as_server_name()
    {
        var (hub, ingress, _, _, _, url) = await PreviewAsync(isPublic: true, tls: true, adjust: o => o with { VerifyIngressCertificates = false });
        using var visitor = new PreviewVisitor(hub.BaseAddress);

        var page = await visitor.GetAsync(url + "echo/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("shop.example", JsonDocument.Parse(page.Html).RootElement.GetProperty("host").GetString());
        Assert.Equal(["shop.example"], ingress.RequestedServerNames);
    }

    [HubFact]
    public async Task A_tls_ingress_with_an_untrusted_certificate_is_refused_by_default()
    {
        var (hub, _, _, _, _, url) = await PreviewAsync(isPublic: true, tls: true);
        using var visitor = new PreviewVisitor(hub.BaseAddress);

        var page = await visitor.GetAsync(url + "echo/");

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
    }

    [HubFact]
    public async Task A_private_preview_hands_a_member_over_from_the_hub_and_then_serves_them()
    {
        var (hub, _, owner, _, _, url) = await PreviewAsync(isPublic: false);
        using var visitor = new PreviewVisitor(hub.BaseAddress, owner.Cookies);

        var (page, chain) = await visitor.FollowAsync(url + "page?x=1");
        var again = await visitor.GetAsync(url + "page");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Hello from the laptop", page.Html);
        Assert.Equal(4, chain.Count);
        Assert.StartsWith($"{hub.BaseAddress.GetLeftPart(UriPartial.Authority)}/preview-auth?preview=", chain[1]);
        Assert.StartsWith(url + ".telepath/auth?ticket=", chain[2]);
        Assert.Equal(url + "page?x=1", chain[3]);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Hello from the laptop", again.Html);
    }

    [HubFact]
    public async Task A_hand_off_ticket_admits_once_and_a_replay_from_another_browser_is_refused()
    {
        var (hub, _, owner, _, _, url) = await PreviewAsync(isPublic: false);
        using var visitor = new PreviewVisitor(hub.BaseAddress, owner.Cookies);
        var (_, chain) = await visitor.FollowAsync(url + "page");
        using var eavesdropper = new PreviewVisitor(hub.BaseAddress);

        var replay = await eavesdropper.GetAsync(chain[2]);

        Assert.StartsWith(url + ".telepath/auth?ticket=", chain[2]);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("This sign-in link has expired", replay.Html);
        Assert.Null(eavesdropper.Cookies.GetCookies(new Uri(url))[PreviewPasses.CookieName]);
    }

    [HubFact]
    public async Task An_anonymous_visitor_of_a_private_preview_is_sent_to_sign_in_and_comes_back()
    {
        var (hub, _, _, _, _, url) = await PreviewAsync(isPublic: false);
        using var browser = hub.Browser();
        using var visitor = new PreviewVisitor(hub.BaseAddress, browser.Cookies);

        var (signIn, chain) = await visitor.FollowAsync(url + "page");
        var signedIn = await browser.SubmitAsync(new Uri(chain[^1]).PathAndQuery, new Dictionary<string, string> { ["Email"] = HubScenarios.AdminEmail, ["Password"] = Password });
        var (page, _) = await visitor.FollowAsync(new Uri(hub.BaseAddress, signedIn.Location!).ToString());

        Assert.Contains("/signin", chain[^1]);
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Contains("/preview-auth", signedIn.Location);
        Assert.Contains("Hello from the laptop", page.Html);
    }

    [HubFact]
    public async Task A_member_of_another_organisation_gets_the_refusal_page()
    {
        await using var hub = await StartHubAsync();
        await using var ingress = await LoopbackIngress.StartAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        using var laptop = hub.Api(await adminA.CreateApiKeyAsync());
        var url = (await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        using var visitor = new PreviewVisitor(hub.BaseAddress, adminB.Cookies);

        var (page, _) = await visitor.FollowAsync(url + "page");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("You are signed in as <strong>bob@b.example</strong>, who is not a member of the organisation that owns this preview.", page.Html);
        Assert.DoesNotContain("Hello from", page.Html);
    }

    [HubFact]
    public async Task A_cookie_for_one_preview_does_not_open_another()
    {
        await using var hub = await StartHubAsync();
        await using var ingress = await LoopbackIngress.StartAsync();
        var (owner, laptop) = await hub.OwnerAsync();
        var first = (await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        var second = new Uri((await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!);
        using var visitor = new PreviewVisitor(hub.BaseAddress, owner.Cookies);
        await visitor.FollowAsync(first + "page");
        var pass = visitor.Cookies.GetCookies(new Uri(first))["telepath-preview"]!.Value;
        using var stranger = new PreviewVisitor(hub.BaseAddress);
        stranger.Cookies.Add(new Cookie("telepath-preview", pass, "/", second.Host));

        var page = await stranger.GetAsync(second + "page");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/preview-auth", page.Location);
    }

    [HubFact]
    public async Task Making_a_public_preview_private_closes_it_at_the_next_request()
    {
        var (hub, _, _, laptop, id, url) = await PreviewAsync(isPublic: true);
        using var anonymous = new PreviewVisitor(hub.BaseAddress);
        var before = await anonymous.GetAsync(url + "page");

        var change = await laptop.PostAsJsonAsync($"/api/dashboard/previews/{id}/visibility", new { @public = false });
        var after = await anonymous.GetAsync(url + "page");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/preview-auth?preview=", after.Location);
    }

    [HubFact]
    public async Task A_public_preview_is_open_to_anyone_and_only_html_gets_the_banner()
    {
        var (hub, _, _, _, _, url) = await PreviewAsync(isPublic: true);
        using var anonymous = new PreviewVisitor(hub.BaseAddress);

        var page = await anonymous.GetAsync(url + "page");
        var text = await anonymous.Client.GetAsync(url + "text");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Hello from the laptop", page.Html);
        Assert.Matches($"<div {Banner}[^>]*>Preview of orders &#8212; intercepted by admin@a.example \\(Org A\\)</div></body></html>$", page.Html);
        Assert.Equal("not a page </body> at all", await text.Content.ReadAsStringAsync());
        Assert.Equal(25, text.Content.Headers.ContentLength);
    }

    [HubFact]
    public async Task A_large_streamed_page_gets_one_banner_before_its_last_body_end()
    {
        var (hub, _, _, _, _, url) = await PreviewAsync(isPublic: true);
        using var anonymous = new PreviewVisitor(hub.BaseAddress);

        var html = await anonymous.Client.GetStringAsync(url + "big");

        Assert.Contains($"<p>line {LoopbackIngress.BigPageLines - 1}</p>\n<div {Banner}", html);
        Assert.EndsWith("</div></BODY></html>\n", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, Banner));
    }

    [HubFact]
    public async Task A_websocket_passes_through_with_the_intercept_header()
    {
        var (hub, _, _, _, _, preview) = await PreviewAsync(isPublic: true);
        var url = new Uri(preview);
        using var anonymous = new PreviewVisitor(hub.BaseAddress);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var socket = await anonymous.WebSocketAsync($"ws://{url.Authority}/ws", timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);

        Assert.Equal($"echo {PreviewScenarios.HeaderValue}: hello", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [HubFact]
    public async Task An_ended_or_unknown_preview_is_a_404_page()
    {
        var (hub, _, _, laptop, id, url) = await PreviewAsync(isPublic: true);
        await laptop.DeleteAsync($"/api/previews/{id}");
        using var anonymous = new PreviewVisitor(hub.BaseAddress);

        var ended = await anonymous.GetAsync(url + "page");
        var unknown = await anonymous.GetAsync($"http://nosuchpreview.localhost:{hub.BaseAddress.Port}/");

        Assert.Equal(HttpStatusCode.NotFound, ended.Status);
        Assert.Contains("This preview has ended or never existed", ended.Html);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("This preview has ended or never existed", unknown.Html);
    }

    [HubFact]
    public async Task An_unreachable_ingress_is_a_502_page_that_names_it()
    {
        await using var hub = await StartHubAsync();
        var (_, laptop) = await hub.OwnerAsync();
        var port = Ports.Free();
        var url = (await laptop.CreatePreviewAsync(port, isPublic: true)).GetProperty("url").GetString()!;
        using var anonymous = new PreviewVisitor(hub.BaseAddress);

        var page = await anonymous.GetAsync(url + "page");

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Contains($"127.0.0.1:{port}", page.Html);
        Assert.Contains("refused", page.Html, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class PreviewProxyTestsOnSqlite() : PreviewProxyTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class PreviewProxyTestsOnPostgres() : PreviewProxyTests(HubDatabaseKind.Postgres);
