using System.Net;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>The steps most tests start with, done the way a person does them: through the pages.</summary>
public static class HubScenarios
{
    public const string AdminEmail = "admin@a.example";
    public const string OrganisationA = "Org A";

    /// <summary>Follows the printed set-up link; returns the first admin's signed-in browser.</summary>
    public static async Task<HubBrowser> SetUpAdminAsync(this TestHub hub, string email = AdminEmail, string organisation = OrganisationA)
    {
        var link = hub.SetupLink ?? throw new InvalidOperationException($"no set-up link printed:\n{hub.ConsoleOutput}");
        var browser = hub.Browser();
        var path = new Uri(link).PathAndQuery;
        var result = await browser.SubmitAsync(path, new Dictionary<string, string>
        {
            ["Token"] = SetupToken(link),
            ["Organisation"] = organisation,
            ["Email"] = email,
            ["Password"] = HubTestBase.Password,
        });
        Assert.True(result.Status == HttpStatusCode.Redirect, $"set-up failed: {result.Status}\n{result.Html}");
        return browser;
    }

    public static string SetupToken(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    /// <summary>An admin invites someone on the members page; returns the link shown to copy.</summary>
    public static async Task<string> InviteAsync(this HubBrowser admin, string email, string role = "Member")
    {
        var page = await admin.SubmitAsync("/admin/members", new Dictionary<string, string> { ["Email"] = email, ["Role"] = role }, "/admin/members?handler=Invite");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.TextOf("invitation-link") ?? throw new InvalidOperationException($"no invitation link:\n{page.Html}");
    }

    /// <summary>The hub administrator makes another organisation; returns its first admin's invitation link.</summary>
    public static async Task<string> CreateOrganisationAsync(this HubBrowser hubAdministrator, string name, string adminEmail)
    {
        var page = await hubAdministrator.SubmitAsync("/admin/organisations", new Dictionary<string, string> { ["Name"] = name, ["AdminEmail"] = adminEmail });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.TextOf("invitation-link") ?? throw new InvalidOperationException($"no invitation link:\n{page.Html}");
    }

    /// <summary>Opens an invitation link in a new browser and chooses a password; returns that browser, signed in.</summary>
    public static async Task<HubBrowser> AcceptInvitationAsync(this TestHub hub, string link)
    {
        var browser = hub.Browser();
        var path = new Uri(link).AbsolutePath;
        var result = await browser.SubmitAsync(path, new Dictionary<string, string> { ["Password"] = HubTestBase.Password }, $"{path}?handler=Create");
        Assert.True(result.Status == HttpStatusCode.Redirect, $"accepting failed: {result.Status}\n{result.Html}");
        return browser;
    }

    public static async Task<HubPage> SignInAsync(this HubBrowser browser, string email, string password = HubTestBase.Password) =>
        await browser.SubmitAsync("/signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>Makes an API key on the settings page; returns the secret shown once.</summary>
    public static async Task<string> CreateApiKeyAsync(this HubBrowser browser, string name = "test key")
    {
        var page = await browser.SubmitAsync("/settings/api-keys", new Dictionary<string, string> { ["Name"] = name }, "/settings/api-keys?handler=Create");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.TextOf("new-secret") ?? throw new InvalidOperationException($"no secret shown:\n{page.Html}");
    }

    /// <summary>Org A (set-up admin) and Org B (made by the hub administrator, its admin bob); both signed in.</summary>
    public static async Task<(HubBrowser AdminA, HubBrowser AdminB)> TwoOrganisationsAsync(this TestHub hub)
    {
        var adminA = await hub.SetUpAdminAsync();
        var adminB = await hub.AcceptInvitationAsync(await adminA.CreateOrganisationAsync("Org B", "bob@b.example"));
        return (adminA, adminB);
    }
}
