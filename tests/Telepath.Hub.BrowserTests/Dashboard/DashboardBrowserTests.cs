using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Telepath.Hub.BrowserTests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.BrowserTests.Dashboard;

/// <summary>The dashboard in real Chromium: signed in through the pages, an intercept made by the CLI's token appears, is switched and deleted.</summary>
public sealed class DashboardBrowserTests() : HubTestBase(HubDatabaseKind.Sqlite)
{
    [ChromiumFact]
    public async Task A_signed_in_owner_sees_the_intercept_switches_it_public_and_deletes_it()
    {
        // The test's laptop never renews its preview: the hub's clock stands still so that a slow browser
        // on a loaded machine still sees it "active", not "laptop gone" after 6 real seconds.
        var hub = await StartHubAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var chromium = Own(await Chromium.LaunchAsync());
        var ingress = Own(await LoopbackIngress.StartAsync());
        var (_, laptop) = await hub.OwnerAsync();
        var id = (await laptop.CreatePreviewAsync(ingress.Port)).GetProperty("id").GetString();
        var page = await chromium.PageAsync();

        await page.SignInAsync(hub, HubScenarios.AdminEmail);
        await page.ClickAsync("nav a[href='/dashboard']");
        var row = page.Locator($"#previews tr[data-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("orders");
        await Assertions.Expect(row).ToContainTextAsync(HubScenarios.AdminEmail);
        await Assertions.Expect(row).ToContainTextAsync("active");
        await Assertions.Expect(row.Locator("a")).ToHaveAttributeAsync("href", $"http://{id}.localhost:{hub.BaseAddress.Port}/");
        await Assertions.Expect(row.Locator("td.requests")).ToHaveTextAsync("0");
        await Assertions.Expect(row.Locator("td.last-request")).ToHaveTextAsync("none yet");
        await Screenshots.SaveAsync(page, "dashboard.png");

        await row.Locator("input.visibility").CheckAsync();
        await Assertions.Expect(row).ToContainTextAsync("public");
        var afterSwitch = (await laptop.GetStringAsync("/api/previews/mine")).Contains("\"public\"", StringComparison.Ordinal);

        await row.Locator("button.delete").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#no-previews")).ToBeVisibleAsync();

        Assert.True(afterSwitch, "the laptop does not see the preview as public");
        Assert.Empty(await laptop.MineAsync());
    }

    [ChromiumFact]
    public async Task A_colleagues_intercept_is_listed_without_switches()
    {
        var hub = await StartHubAsync();
        var chromium = Own(await Chromium.LaunchAsync());
        var (admin, laptop) = await hub.OwnerAsync();
        using var carol = await hub.AcceptInvitationAsync(await admin.InviteAsync("carol@a.example"));
        var id = (await laptop.CreatePreviewAsync(8080)).GetProperty("id").GetString();
        var page = await chromium.PageAsync();

        await page.SignInAsync(hub, "carol@a.example");
        await page.GotoAsync(new Uri(hub.BaseAddress, "/dashboard").ToString());
        var row = page.Locator($"#previews tr[data-id='{id}']");

        await Assertions.Expect(row).ToContainTextAsync(HubScenarios.AdminEmail);
        await Assertions.Expect(row.Locator("input.visibility")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("button.delete")).ToHaveCountAsync(0);
    }
}
