using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Telepath.Hub.BrowserTests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.BrowserTests.Accounts;

/// <summary>The navigation bar's organisation switcher in real Chromium: the dashboard follows the choice.</summary>
public sealed class OrganisationSwitcherBrowserTests() : HubTestBase(HubDatabaseKind.Sqlite)
{
    [ChromiumFact]
    public async Task Switching_to_the_second_organisation_shows_its_previews_on_the_dashboard()
    {
        // The preview is never renewed: the hub's clock stands still so that it stays "active" on a slow machine.
        var hub = await StartHubAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var chromium = Own(await Chromium.LaunchAsync());
        var (_, adminB) = await hub.PersonInTwoOrganisationsAsync();
        using var laptopB = hub.Api(await adminB.CreateApiKeyAsync());
        var id = (await laptopB.CreatePreviewAsync(8081)).GetProperty("id").GetString();
        var page = await chromium.PageAsync();

        await page.SignInAsync(hub, HubScenarios.AdminEmail);
        await page.GotoAsync(new Uri(hub.BaseAddress, "/dashboard").ToString());
        var switcher = page.Locator("nav form.switcher select");
        await Assertions.Expect(switcher.Locator("option:checked")).ToHaveTextAsync(HubScenarios.OrganisationA);
        await Assertions.Expect(page.Locator("#no-previews")).ToBeVisibleAsync();

        await switcher.SelectOptionAsync(new SelectOptionValue { Label = OrganisationChoices.OrganisationB });
        await page.ClickAsync("nav form.switcher button");

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(hub.BaseAddress, "/dashboard").ToString());
        await Assertions.Expect(switcher.Locator("option:checked")).ToHaveTextAsync(OrganisationChoices.OrganisationB);
        await Assertions.Expect(page.Locator($"#previews tr[data-id='{id}']")).ToContainTextAsync(OrganisationChoices.AdminB);
        await Screenshots.SaveAsync(page, "organisation-switcher.png");
    }
}
