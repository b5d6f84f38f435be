using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

public abstract class InvitationTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task An_invited_person_chooses_a_password_and_becomes_a_member()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var link = await admin.InviteAsync("Carol@A.example");

        using var carol = await hub.AcceptInvitationAsync(link);
        var home = await carol.GetAsync("/");
        var members = await admin.GetAsync("/admin/members");
        using var later = hub.Browser();
        var signIn = await later.SignInAsync("carol@a.example");

        Assert.Contains(HubScenarios.OrganisationA, home.Html);
        Assert.Contains("carol@a.example", home.Html);
        Assert.Contains("carol@a.example", members.Html);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
    }

    [HubFact]
    public async Task A_member_is_not_an_admin()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var carol = await hub.AcceptInvitationAsync(await admin.InviteAsync("carol@a.example"));

        var page = await carol.GetAsync("/admin/members");
        var api = await carol.Client.GetAsync("/api/org/invitations");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/forbidden", page.Location);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [HubFact]
    public async Task An_admin_invitation_makes_an_admin()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var dave = await hub.AcceptInvitationAsync(await admin.InviteAsync("dave@a.example", "Admin"));

        var page = await dave.GetAsync("/admin/members");

        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [HubFact]
    public async Task An_invitation_link_works_once()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var link = await admin.InviteAsync("carol@a.example");
        (await hub.AcceptInvitationAsync(link)).Dispose();
        using var browser = hub.Browser();

        var again = await browser.GetAsync(new Uri(link).AbsolutePath);

        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [HubFact]
    public async Task A_pending_invitation_is_listed_and_a_revoked_one_stops_working()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var link = await admin.InviteAsync("erin@a.example");
        var listed = await admin.GetAsync("/admin/members");
        var invitations = await admin.Client.GetFromJsonAsync<JsonElement>("/api/org/invitations");
        var id = invitations.EnumerateArray().Single().GetProperty("id").GetString()!;

        var revoked = await admin.SubmitAsync("/admin/members", new Dictionary<string, string> { ["id"] = id }, "/admin/members?handler=Revoke");
        using var erin = hub.Browser();
        var opened = await erin.GetAsync(new Uri(link).AbsolutePath);
        var afterwards = await admin.GetAsync("/admin/members");

        Assert.Contains("erin@a.example", listed.Html);
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Equal(HttpStatusCode.NotFound, opened.Status);
        Assert.DoesNotContain("erin@a.example", afterwards.Html);
    }

    [HubFact]
    public async Task An_existing_account_signs_in_first_then_joins()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        var link = await adminB.InviteAsync(HubScenarios.AdminEmail);
        var path = new Uri(link).AbsolutePath;
        using var stranger = hub.Browser();

        var anonymous = await stranger.GetAsync(path);
        var joined = await adminA.SubmitAsync(path, new Dictionary<string, string>(), $"{path}?handler=Join");
        var members = await adminB.GetAsync("/admin/members");

        Assert.Contains("Sign in", anonymous.Html);
        Assert.DoesNotContain("Choose a password", anonymous.Html);
        Assert.Equal(HttpStatusCode.Redirect, joined.Status);
        Assert.Contains(HubScenarios.AdminEmail, members.Html);
    }
}

public sealed class InvitationTestsOnSqlite() : InvitationTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class InvitationTestsOnPostgres() : InvitationTests(HubDatabaseKind.Postgres);
