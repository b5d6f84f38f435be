using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Security;

public abstract class CsrfTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task A_sign_in_post_without_the_token_is_refused()
    {
        await using var hub = await StartHubAsync();
        (await hub.SetUpAdminAsync()).Dispose();
        using var browser = hub.Browser();
        await browser.GetAsync("/signin");

        var post = await browser.PostFormAsync("/signin", new Dictionary<string, string> { ["Email"] = HubScenarios.AdminEmail, ["Password"] = Password });

        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
    }

    [HubFact]
    public async Task A_signed_in_form_post_without_the_token_changes_nothing()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();

        var post = await admin.PostFormAsync("/admin/members?handler=Invite", new Dictionary<string, string> { ["Email"] = "mallory@evil.example", ["Role"] = "Admin" });
        var invitations = await admin.Client.GetFromJsonAsync<JsonElement>("/api/org/invitations");

        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal(0, invitations.GetArrayLength());
    }

    [HubFact]
    public async Task A_token_from_another_session_is_refused()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        using var mallory = hub.Browser();
        var mallorysToken = (await mallory.GetAsync("/signin")).AntiforgeryToken;

        var post = await admin.PostFormAsync("/admin/members?handler=Invite", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = mallorysToken,
            ["Email"] = "mallory@evil.example",
            ["Role"] = "Admin",
        });

        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
    }

    [HubFact]
    public async Task Sign_out_by_a_cross_site_post_without_the_token_is_refused()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();

        var post = await admin.PostFormAsync("/signout", new Dictionary<string, string>());
        var home = await admin.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal(HttpStatusCode.OK, home.Status);
    }

    [HubFact]
    public async Task A_state_changing_api_call_with_the_cookie_needs_the_header_token()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await admin.InviteAsync("erin@a.example");
        var id = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/org/invitations"))[0].GetProperty("id").GetString();
        var home = await admin.GetAsync("/");
        var metaToken = WebUtility.HtmlDecode(Regex.Match(home.Html, """<meta name="csrf-token" content="([^"]+)">""").Groups[1].Value);

        var without = await admin.Client.DeleteAsync($"/api/org/invitations/{id}");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/org/invitations/{id}");
        request.Headers.Add("X-CSRF-TOKEN", metaToken);
        var with = await admin.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.NotEmpty(metaToken);
        Assert.Equal(HttpStatusCode.NoContent, with.StatusCode);
    }

    [HubFact]
    public async Task A_bearer_api_call_needs_no_antiforgery_token()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        await admin.InviteAsync("erin@a.example");
        var id = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/org/invitations"))[0].GetProperty("id").GetString();
        using var client = hub.Api(await admin.CreateApiKeyAsync());

        var revoke = await client.DeleteAsync($"/api/org/invitations/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
    }
}

public sealed class CsrfTestsOnSqlite() : CsrfTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class CsrfTestsOnPostgres() : CsrfTests(HubDatabaseKind.Postgres);
