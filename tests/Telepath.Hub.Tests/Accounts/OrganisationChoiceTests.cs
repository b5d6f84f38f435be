using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Telepath.Hub.Data;
using Telepath.Hub.Pages;
using Telepath.Hub.Tests.CliAuth;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

/// <summary>
/// A person in Org A and Org B: the CLI's token acts in the organisation chosen on the device page and only there, and
/// the navigation bar's switcher moves the browser between them, remembered for the next session.
/// </summary>
public abstract partial class OrganisationChoiceTests(HubDatabaseKind database) : HubTestBase(database)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [HubFact]
    public async Task A_device_login_approved_in_the_second_organisation_acts_there_only()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (person, adminB) = await hub.PersonInTwoOrganisationsAsync();
        using var laptopA = hub.Api(await person.CreateApiKeyAsync());
        var previewA = (await laptopA.CreatePreviewAsync(8080)).GetProperty("id").GetString()!;

        var (confirm, token) = await LogInAsync(hub, person, OrganisationChoices.OrganisationB);
        using var laptopB = hub.Api(token);
        var previewB = (await laptopB.CreatePreviewAsync(8081)).GetProperty("id").GetString()!;
        var me = await laptopB.GetFromJsonAsync<JsonElement>("/api/cli/me");

        Assert.Equal(
            [(HubScenarios.OrganisationA, false), (OrganisationChoices.OrganisationB, false)],
            confirm.Offered().Select(o => (o.Name, o.Selected)).Order());
        Assert.Equal(OrganisationChoices.OrganisationB, me.GetProperty("organisation").GetString());
        Assert.Equal([previewB], await laptopB.MineAsync());
        Assert.Equal([previewA], await laptopA.MineAsync());
        Assert.Equal([previewB], await DashboardIdsAsync(adminB));
        Assert.Equal([previewA], await DashboardIdsAsync(person));
    }

    [HubFact]
    public async Task The_organisation_the_cli_names_is_preselected_and_an_unknown_one_preselects_nothing()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (person, _) = await hub.PersonInTwoOrganisationsAsync();
        var cli = new DeviceFlowClient(hub);

        var named = await person.LookUpDeviceCodeAsync((await cli.StartAsync(organisation: "org b")).GetProperty("user_code").GetString()!);
        var unknown = await person.LookUpDeviceCodeAsync((await cli.StartAsync(organisation: "Org Z")).GetProperty("user_code").GetString()!);
        var unchosen = await person.DecideDeviceCodeAsync(unknown, "approve");

        Assert.Equal([OrganisationChoices.OrganisationB], named.Offered().Where(o => o.Selected).Select(o => o.Name));
        Assert.Equal(2, unknown.Offered().Count);
        Assert.DoesNotContain(unknown.Offered(), o => o.Selected);
        Assert.DoesNotContain("Org Z", unknown.Html);
        Assert.Contains(DeviceModel.NoOrganisationChosen, unchosen.Html);
        Assert.Equal(2, unchosen.Offered().Count);
    }

    [HubFact]
    public async Task A_token_whose_organisation_membership_was_removed_is_refused_not_moved()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (person, adminB) = await hub.PersonInTwoOrganisationsAsync();
        var (_, token) = await LogInAsync(hub, person, OrganisationChoices.OrganisationB);
        using var laptop = hub.Api(token);

        var removed = await adminB.SubmitAsync("/admin/members", new Dictionary<string, string> { ["userId"] = await UserIdAsync(adminB, HubScenarios.AdminEmail) }, "/admin/members?handler=Remove");
        var me = await laptop.GetAsync("/api/cli/me");
        var create = await laptop.PostAsJsonAsync("/api/previews", PreviewScenarios.Body(8081));

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        // Removal revokes the person's tokens of that organisation; none of them goes on in Org A instead.
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.False(create.IsSuccessStatusCode, $"a token of a removed membership made a preview: {create.StatusCode}");
        Assert.Empty(await DashboardIdsAsync(person));
    }

    [HubFact]
    public async Task A_token_whose_membership_is_gone_without_revocation_fails_closed()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (person, _) = await hub.PersonInTwoOrganisationsAsync();
        var (_, token) = await LogInAsync(hub, person, OrganisationChoices.OrganisationB);
        using var laptop = hub.Api(token);

        // As a membership GitHub no longer confirms is dropped: the token itself stays unrevoked.
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Memberships
                .Where(m => m.Organisation!.Name == OrganisationChoices.OrganisationB && m.User!.Email == HubScenarios.AdminEmail)
                .ExecuteDeleteAsync();
        }

        var me = await laptop.GetAsync("/api/cli/me");
        var create = await laptop.PostAsJsonAsync("/api/previews", PreviewScenarios.Body(8081));

        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.False(create.IsSuccessStatusCode, $"a token of a gone membership made a preview: {create.StatusCode}");
        Assert.Empty(await DashboardIdsAsync(person));
    }

    [HubFact]
    public async Task The_switcher_changes_what_the_dashboard_members_and_api_keys_act_in_and_is_remembered()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (person, adminB) = await hub.PersonInTwoOrganisationsAsync();
        using var laptopB = hub.Api(await adminB.CreateApiKeyAsync());
        var previewB = (await laptopB.CreatePreviewAsync(8081)).GetProperty("id").GetString()!;

        var before = await DashboardIdsAsync(person);
        var switched = await person.SwitchOrganisationAsync(OrganisationChoices.OrganisationB, "/admin/members");
        var after = await DashboardIdsAsync(person);
        var members = await person.GetAsync("/admin/members");
        using var keyMadeAfter = hub.Api(await person.CreateApiKeyAsync());
        using var nextSession = hub.Browser();
        await nextSession.SignInAsync(HubScenarios.AdminEmail);
        var nextDashboard = await nextSession.GetAsync("/dashboard");

        Assert.Empty(before);
        Assert.Equal((HttpStatusCode.Redirect, "/admin/members"), (switched.Status, switched.Location));
        Assert.Equal([previewB], after);
        Assert.Contains(OrganisationChoices.AdminB, members.Html);
        Assert.Equal(OrganisationChoices.OrganisationB, (await keyMadeAfter.GetFromJsonAsync<JsonElement>("/api/cli/me")).GetProperty("organisation").GetString());
        Assert.Equal([previewB], await DashboardIdsAsync(nextSession));
        Assert.Equal([OrganisationChoices.OrganisationB], nextDashboard.InSwitcher().Where(o => o.Selected).Select(o => o.Name));
    }

    [HubFact]
    public async Task The_switcher_refuses_an_organisation_the_person_is_not_in()
    {
        await using var hub = await StartHubAsync(time: _time);
        var (person, adminB) = await hub.TwoOrganisationsAsync();
        var idB = (await hub.Api(await adminB.CreateApiKeyAsync()).GetFromJsonAsync<JsonElement>("/api/cli/me")).GetProperty("organisation_id").GetString()!;
        var page = await person.GetAsync("/dashboard");

        var refused = await person.PostFormAsync("/settings/organisation", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken,
            ["organisation"] = idB,
        });
        var me = await person.Client.GetFromJsonAsync<JsonElement>("/api/cli/me");

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal(HubScenarios.OrganisationA, me.GetProperty("organisation").GetString());
    }

    [HubFact]
    public async Task A_person_in_one_organisation_sees_no_switcher_and_no_choice()
    {
        await using var hub = await StartHubAsync(time: _time);
        using var person = await hub.SetUpAdminAsync();

        var dashboard = await person.GetAsync("/dashboard");
        var (confirm, token) = await LogInAsync(hub, person, organisation: null);
        var me = await hub.Api(token).GetFromJsonAsync<JsonElement>("/api/cli/me");

        Assert.DoesNotContain("/settings/organisation", dashboard.Html);
        Assert.Contains(HubScenarios.OrganisationA, dashboard.Html);
        Assert.Empty(confirm.Offered());
        Assert.Empty(dashboard.InSwitcher());
        Assert.Equal(HubScenarios.OrganisationA, me.GetProperty("organisation").GetString());
    }

    /// <summary>The device flow as `telepath login` runs it, approved in <paramref name="organisation"/> (or without a choice).</summary>
    private async Task<(HubPage Confirm, string Token)> LogInAsync(TestHub hub, HubBrowser person, string? organisation)
    {
        var cli = new DeviceFlowClient(hub);
        var start = await cli.StartAsync();
        var confirm = await person.LookUpDeviceCodeAsync(start.GetProperty("user_code").GetString()!);
        var approved = organisation is null
            ? await person.DecideDeviceCodeAsync(confirm, "approve")
            : await person.ApproveDeviceCodeInAsync(confirm, organisation);
        Assert.Contains("Approved", approved.Html);
        _time.Advance(TimeSpan.FromSeconds(5));
        var poll = await cli.PollAsync(start.GetProperty("device_code").GetString()!);
        return (confirm, poll.AccessToken ?? throw new InvalidOperationException($"no token: {poll.Error}"));
    }

    private static async Task<List<string>> DashboardIdsAsync(HubBrowser browser) =>
        [.. (await browser.Client.GetFromJsonAsync<JsonElement>("/api/dashboard/previews")).EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];

    // The members page shows a Remove form with the user's id on every row but the viewer's own.
    private static async Task<string> UserIdAsync(HubBrowser admin, string email)
    {
        var page = await admin.GetAsync("/admin/members");
        return RemoveForm().Matches(page.Html).FirstOrDefault(m => m.Groups["email"].Value == email)?.Groups["id"].Value
            ?? throw new InvalidOperationException($"no Remove form for {email}:\n{page.Html}");
    }

    [GeneratedRegex("""<td>(?<email>[^<]+)</td>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*<td>\s*<form[^>]*handler=Remove[^>]*>\s*<input type="hidden" name="userId" value="(?<id>[^"]+)">""")]
    private static partial Regex RemoveForm();
}

public sealed class OrganisationChoiceTestsOnSqlite() : OrganisationChoiceTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class OrganisationChoiceTestsOnPostgres() : OrganisationChoiceTests(HubDatabaseKind.Postgres);
