using Microsoft.Playwright;
using Telepath.Hub.BrowserTests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.BrowserTests.Previews;

/// <summary>
/// Preview URLs in real Chromium. The "cluster" is <see cref="LoopbackIngress"/>: it answers the laptop's page when the
/// intercept's header is present (as the traffic agent would route it to the laptop) and the cluster's page otherwise.
/// </summary>
public sealed class PreviewBrowserTests() : HubTestBase(HubDatabaseKind.Sqlite)
{
    [ChromiumFact]
    public async Task The_preview_url_shows_the_laptops_page_with_the_banner_and_the_plain_url_the_clusters()
    {
        var hub = await StartHubAsync();
        var chromium = Own(await Chromium.LaunchAsync());
        var ingress = Own(await LoopbackIngress.StartAsync());
        var (_, laptop) = await hub.OwnerAsync();
        var url = (await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        var page = await chromium.PageAsync();

        await page.GotoAsync(url + "page");
        Assert.Contains("/signin", page.Url);
        await page.SignInHereAsync(HubScenarios.AdminEmail);

        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Hello from the laptop");
        Assert.Equal(url + "page", page.Url);
        await Assertions.Expect(page.Locator("#telepath-preview-banner")).ToHaveTextAsync($"Preview of orders — intercepted by {HubScenarios.AdminEmail} ({HubScenarios.OrganisationA})");
        await Assertions.Expect(page.Locator("#telepath-preview-banner")).ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "preview-with-banner.png");

        await page.GotoAsync($"http://127.0.0.1:{ingress.Port}/page");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Hello from the cluster");
        await Assertions.Expect(page.Locator("#telepath-preview-banner")).ToHaveCountAsync(0);
    }

    [ChromiumFact]
    public async Task A_member_of_another_organisation_gets_the_refusal_page()
    {
        var hub = await StartHubAsync();
        var chromium = Own(await Chromium.LaunchAsync());
        var ingress = Own(await LoopbackIngress.StartAsync());
        var (adminA, _) = await hub.TwoOrganisationsAsync();
        using var laptop = hub.Api(await adminA.CreateApiKeyAsync());
        var url = (await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        var page = await chromium.PageAsync();

        await page.SignInAsync(hub, "bob@b.example");
        var response = await page.GotoAsync(url + "page");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("#preview-refusal")).ToHaveTextAsync(
            "You are signed in as bob@b.example, who is not a member of the organisation that owns this preview.");
        await Assertions.Expect(page.Locator("#who")).ToHaveCountAsync(0);
    }

    [ChromiumFact]
    public async Task An_anonymous_visitor_sees_a_public_preview_and_is_sent_to_sign_in_by_a_private_one()
    {
        var hub = await StartHubAsync();
        var chromium = Own(await Chromium.LaunchAsync());
        var ingress = Own(await LoopbackIngress.StartAsync());
        var (_, laptop) = await hub.OwnerAsync();
        var open = (await laptop.CreatePreviewAsync(ingress.Port, isPublic: true)).GetProperty("url").GetString()!;
        var closed = (await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        var page = await chromium.PageAsync();

        await page.GotoAsync(open + "page");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Hello from the laptop");
        await Assertions.Expect(page.Locator("#telepath-preview-banner")).ToBeVisibleAsync();

        await page.GotoAsync(closed + "page");
        Assert.StartsWith(new Uri(hub.BaseAddress, "/signin").ToString(), page.Url);
        await Assertions.Expect(page.Locator("input[name=Password]")).ToBeVisibleAsync();
    }
}
