using System.Net;
using System.Text.RegularExpressions;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

/// <summary>An admin takes a person out of the organisation: membership, tokens and previews go at once.</summary>
public abstract partial class MemberRemovalTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task A_removed_member_loses_their_tokens_their_previews_and_a_private_preview_they_had_opened()
    {
        await using var hub = await StartHubAsync();
        await using var ingress = await LoopbackIngress.StartAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var carol = await hub.AcceptInvitationAsync(await admin.InviteAsync("carol@a.example"));
        var carolsKey = await carol.CreateApiKeyAsync();
        using var carolsLaptop = hub.Api(carolsKey);
        var carolsPreview = (await carolsLaptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        using var adminsLaptop = hub.Api(await admin.CreateApiKeyAsync());
        var adminsPreview = (await adminsLaptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        using var visitor = new PreviewVisitor(hub.BaseAddress, carol.Cookies);
        var (before, _) = await visitor.FollowAsync(adminsPreview + "page");

        var removed = await admin.SubmitAsync("/admin/members", new Dictionary<string, string> { ["userId"] = await UserIdAsync(admin, "carol@a.example") }, "/admin/members?handler=Remove");
        var members = await admin.GetAsync("/admin/members");
        using var me = await carolsLaptop.GetAsync("/api/cli/me");
        var after = await visitor.GetAsync(adminsPreview + "page");
        using var anybody = new PreviewVisitor(hub.BaseAddress, admin.Cookies);
        var (ownPreview, _) = await anybody.FollowAsync(carolsPreview);

        Assert.Contains("Hello from the laptop", before.Html);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.DoesNotContain("carol@a.example", members.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, after.Status);
        Assert.DoesNotContain("Hello from", after.Html);
        Assert.Equal(HttpStatusCode.NotFound, ownPreview.Status);
    }

    [HubFact]
    public async Task An_admin_cannot_remove_themselves_nor_someone_of_another_organisation()
    {
        await using var hub = await StartHubAsync();
        var (adminA, adminB) = await hub.TwoOrganisationsAsync();
        using var dave = await hub.AcceptInvitationAsync(await adminA.InviteAsync("dave@a.example", "Admin"));
        using var eve = await hub.AcceptInvitationAsync(await adminB.InviteAsync("eve@b.example", "Admin"));
        var adminAsId = await UserIdAsync(dave, HubScenarios.AdminEmail);
        var bobsId = await UserIdAsync(eve, "bob@b.example");

        var self = await adminA.SubmitAsync("/admin/members", new Dictionary<string, string> { ["userId"] = adminAsId }, "/admin/members?handler=Remove");
        var other = await adminA.SubmitAsync("/admin/members", new Dictionary<string, string> { ["userId"] = bobsId }, "/admin/members?handler=Remove");
        var bobsMembers = await adminB.GetAsync("/admin/members");
        var ownMembers = await adminA.GetAsync("/admin/members");

        Assert.Equal(HttpStatusCode.OK, self.Status);
        Assert.True(self.Contains("You cannot remove yourself; another admin can."), self.Html);
        Assert.Contains(HubScenarios.AdminEmail, ownMembers.Html);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Contains("bob@b.example", bobsMembers.Html);
    }

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

public sealed class MemberRemovalTestsOnSqlite() : MemberRemovalTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class MemberRemovalTestsOnPostgres() : MemberRemovalTests(HubDatabaseKind.Postgres);
