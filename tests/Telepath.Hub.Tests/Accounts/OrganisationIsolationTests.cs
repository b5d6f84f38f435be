using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

/// <summary>Org A (the set-up admin, with a pending invitation for erin) and Org B (bob): bob sees nothing of A's.</summary>
public abstract class OrganisationIsolationTests(HubDatabaseKind database) : HubTestBase(database)
{
    private const string ErinA = "erin@a.example";

    [HubFact]
    public async Task The_members_page_shows_only_the_callers_organisation()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        await adminA.InviteAsync(ErinA);

        var pageB = await adminB.GetAsync("/admin/members");
        var pageA = await adminA.GetAsync("/admin/members");

        Assert.Contains("bob@b.example", pageB.Html);
        Assert.DoesNotContain(HubScenarios.AdminEmail, pageB.Html);
        Assert.DoesNotContain(ErinA, pageB.Html);
        Assert.DoesNotContain(HubScenarios.OrganisationA, pageB.Html);
        Assert.Contains(ErinA, pageA.Html);
        Assert.DoesNotContain("bob@b.example", pageA.Html);
    }

    [HubFact]
    public async Task The_api_shows_only_the_callers_organisation_by_cookie_and_by_token()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        await adminA.InviteAsync(ErinA);
        using var tokenB = hub.Api(await adminB.CreateApiKeyAsync());

        foreach (var client in new[] { adminB.Client, tokenB })
        {
            var members = await client.GetStringAsync("/api/org/members");
            var invitations = await client.GetStringAsync("/api/org/invitations");
            var me = await client.GetFromJsonAsync<JsonElement>("/api/cli/me");

            Assert.Contains("bob@b.example", members);
            Assert.DoesNotContain(HubScenarios.AdminEmail, members);
            Assert.Equal("[]", invitations);
            Assert.Equal("Org B", me.GetProperty("organisation").GetString());
        }
    }

    [HubFact]
    public async Task Another_organisations_invitation_cannot_be_revoked()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        var link = await adminA.InviteAsync(ErinA);
        var idA = (await adminA.Client.GetFromJsonAsync<JsonElement>("/api/org/invitations"))[0].GetProperty("id").GetString()!;
        using var tokenB = hub.Api(await adminB.CreateApiKeyAsync());
        var pageB = await adminB.GetAsync("/admin/members");

        var byApi = await tokenB.DeleteAsync($"/api/org/invitations/{idA}");
        var byPage = await adminB.PostFormAsync("/admin/members?handler=Revoke", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = pageB.AntiforgeryToken,
            ["id"] = idA,
        });
        using var erin = hub.Browser();
        var stillValid = await erin.GetAsync(new Uri(link).AbsolutePath);

        Assert.Equal(HttpStatusCode.NotFound, byApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byPage.Status);
        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
    }

    [HubFact]
    public async Task An_invitation_of_another_organisation_makes_no_member_of_the_inviters()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        using var carolB = await hub.AcceptInvitationAsync(await adminB.InviteAsync("carol@b.example"));

        var pageA = await adminA.GetAsync("/admin/members");
        var carolsHome = await carolB.GetAsync("/");

        Assert.DoesNotContain("carol@b.example", pageA.Html);
        Assert.Contains("Org B", carolsHome.Html);
    }

    [HubFact]
    public async Task Only_the_hub_administrator_creates_organisations()
    {
        await using var hub = await StartHubAsync();
        var (_, adminB) = await hub.TwoOrganisationsAsync();

        var page = await adminB.GetAsync("/admin/organisations");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/forbidden", page.Location);
    }
}

public sealed class OrganisationIsolationTestsOnSqlite() : OrganisationIsolationTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class OrganisationIsolationTestsOnPostgres() : OrganisationIsolationTests(HubDatabaseKind.Postgres);
