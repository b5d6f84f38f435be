using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Hosting;

public abstract class RestartTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task A_second_start_on_the_same_database_keeps_accounts_keys_and_sessions()
    {
        var database = NewDatabase();
        string apiKey;
        HubBrowser admin;
        await using (var first = await TestHub.StartAsync(database))
        {
            admin = await first.SetUpAdminAsync();
            apiKey = await admin.CreateApiKeyAsync();
        }

        await using var second = await StartHubAsync(database);
        using var fresh = second.Browser();
        var signIn = await fresh.SignInAsync(HubScenarios.AdminEmail);
        using var client = second.Api(apiKey);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/cli/me");
        // The old session cookie, from a browser pointed at the new port: data-protection keys live in the database.
        using var oldSession = second.Browser();
        foreach (Cookie cookie in admin.Cookies.GetAllCookies())
        {
            oldSession.Cookies.Add(second.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }

        var home = await oldSession.GetAsync("/");
        admin.Dispose();

        Assert.Null(second.SetupLink);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.Equal(HubScenarios.OrganisationA, me.GetProperty("organisation").GetString());
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains(HubScenarios.AdminEmail, home.Html);
    }
}

public sealed class RestartTestsOnSqlite() : RestartTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class RestartTestsOnPostgres() : RestartTests(HubDatabaseKind.Postgres);
