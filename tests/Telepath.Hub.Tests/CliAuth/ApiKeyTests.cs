using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.CliAuth;

public abstract class ApiKeyTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task A_new_key_is_shown_once_and_works_as_its_user()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();

        var secret = await admin.CreateApiKeyAsync("ci runner");
        using var client = hub.Api(secret);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/cli/me");
        var listing = await admin.GetAsync("/settings/api-keys");

        Assert.StartsWith("tph_", secret);
        Assert.Equal(HubScenarios.AdminEmail, me.GetProperty("email").GetString());
        Assert.Equal("ApiKey", me.GetProperty("token_kind").GetString());
        Assert.Contains("ci runner", listing.Html);
        Assert.Contains(secret[..10], listing.Html);
        Assert.DoesNotContain(secret, listing.Html);
    }

    [HubFact]
    public async Task Using_a_key_records_when_it_was_last_used()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var secret = await admin.CreateApiKeyAsync();
        var before = await admin.GetAsync("/settings/api-keys");

        using var client = hub.Api(secret);
        (await client.GetAsync("/api/cli/me")).EnsureSuccessStatusCode();
        var after = await admin.GetAsync("/settings/api-keys");

        Assert.Contains("never", before.Html);
        Assert.DoesNotContain("never", after.Html);
    }

    [HubFact]
    public async Task A_revoked_key_gets_401_at_once()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var secret = await admin.CreateApiKeyAsync();
        using var client = hub.Api(secret);
        var before = await client.GetAsync("/api/cli/me");
        var listing = await admin.GetAsync("/settings/api-keys");
        var id = listing.Html.Split("name=\"id\" value=\"")[1].Split('"')[0];

        var revoke = await admin.PostFormAsync("/settings/api-keys?handler=Revoke", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = listing.AntiforgeryToken,
            ["id"] = id,
        });
        var after = await client.GetAsync("/api/cli/me");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoke.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("Bearer", after.Headers.WwwAuthenticate.ToString());
    }

    [HubFact]
    public async Task Unknown_or_malformed_tokens_get_401()
    {
        await using var hub = await StartHubAsync();

        foreach (var token in new[] { "tph_not-a-real-token", "something-else" })
        {
            using var client = hub.Api(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cli/me")).StatusCode);
        }

        using var anonymous = hub.Api();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/cli/me")).StatusCode);
    }

    [HubFact]
    public async Task A_person_cannot_revoke_someone_elses_key()
    {
        await using var hub = await StartHubAsync();
        using var admin = await hub.SetUpAdminAsync();
        var adminKey = await admin.CreateApiKeyAsync("admin's");
        var adminKeyId = (await admin.GetAsync("/settings/api-keys")).Html.Split("name=\"id\" value=\"")[1].Split('"')[0];
        using var carol = await hub.AcceptInvitationAsync(await admin.InviteAsync("carol@a.example"));
        var carolsPage = await carol.GetAsync("/settings/api-keys");

        var attempt = await carol.PostFormAsync("/settings/api-keys?handler=Revoke", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = carolsPage.AntiforgeryToken,
            ["id"] = adminKeyId,
        });
        using var client = hub.Api(adminKey);

        Assert.Equal(HttpStatusCode.NotFound, attempt.Status);
        Assert.DoesNotContain("admin&#x27;s", carolsPage.Html);
        Assert.DoesNotContain("admin's", carolsPage.Html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cli/me")).StatusCode);
    }
}

public sealed class ApiKeyTestsOnSqlite() : ApiKeyTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class ApiKeyTestsOnPostgres() : ApiKeyTests(HubDatabaseKind.Postgres);
