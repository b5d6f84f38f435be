using System.Net;
using System.Text.RegularExpressions;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>A person in two organisations, and the two places they choose between them: the device page and the switcher.</summary>
public static partial class OrganisationChoices
{
    public const string OrganisationB = "Org B";
    public const string AdminB = "bob@b.example";

    /// <summary>The set-up admin of Org A joins Org B as an admin too (invited by bob); both browsers signed in.</summary>
    public static async Task<(HubBrowser Person, HubBrowser AdminB)> PersonInTwoOrganisationsAsync(this TestHub hub)
    {
        var (person, adminB) = await hub.TwoOrganisationsAsync();
        var path = new Uri(await adminB.InviteAsync(HubScenarios.AdminEmail, "Admin")).AbsolutePath;
        var joined = await person.SubmitAsync(path, new Dictionary<string, string>(), $"{path}?handler=Join");
        Assert.True(joined.Status == HttpStatusCode.Redirect, $"joining Org B failed: {joined.Status}\n{joined.Html}");
        return (person, adminB);
    }

    /// <summary>The organisations the device page offers as radio buttons.</summary>
    public static IReadOnlyList<(string Id, string Name, bool Selected)> Offered(this HubPage page) => Read(Radio(), page);

    /// <summary>The organisations in the navigation bar's switcher.</summary>
    public static IReadOnlyList<(string Id, string Name, bool Selected)> InSwitcher(this HubPage page) => Read(Option(), page);

    /// <summary>Uses the navigation bar's switcher of the page at <paramref name="pagePath"/>.</summary>
    public static async Task<HubPage> SwitchOrganisationAsync(this HubBrowser person, string organisation, string pagePath = "/dashboard")
    {
        var page = await person.GetAsync(pagePath);
        return await person.PostFormAsync("/settings/organisation", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken,
            ["organisation"] = IdOf(page.InSwitcher(), organisation, page),
            ["returnUrl"] = pagePath,
        });
    }

    /// <summary>Approves on the device page, choosing the organisation by name.</summary>
    public static async Task<HubPage> ApproveDeviceCodeInAsync(this HubBrowser person, HubPage confirm, string organisation)
    {
        var userCode = confirm.Html.Split("name=\"user_code\" value=\"")[1].Split('"')[0];
        return await person.PostFormAsync("/device?handler=Decide", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirm.AntiforgeryToken,
            ["user_code"] = userCode,
            ["decision"] = "approve",
            ["organisation"] = IdOf(confirm.Offered(), organisation, confirm),
        });
    }

    private static string IdOf(IReadOnlyList<(string Id, string Name, bool Selected)> offered, string organisation, HubPage page) =>
        offered.FirstOrDefault(o => o.Name == organisation).Id ?? throw new InvalidOperationException($"{organisation} is not offered:\n{page.Html}");

    private static List<(string Id, string Name, bool Selected)> Read(Regex offer, HubPage page) =>
        [.. offer.Matches(page.Html).Select(m => (m.Groups["id"].Value, m.Groups["name"].Value.Trim(), m.Groups["selected"].Success))];

    [GeneratedRegex("""<input type="radio" name="organisation" value="(?<id>[0-9a-f-]{36})"(?<selected> checked="checked")?[^>]*>(?<name>[^<]+)<""")]
    private static partial Regex Radio();

    [GeneratedRegex("""<option value="(?<id>[0-9a-f-]{36})"(?<selected> selected="selected")?[^>]*>(?<name>[^<]+)<""")]
    private static partial Regex Option();
}
