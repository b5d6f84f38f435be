using System.Net;
using Telepath.Hub.Tests.Infrastructure;

namespace Telepath.Hub.Tests.Accounts;

public abstract class SetupTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task First_start_prints_one_setup_link_on_one_line()
    {
        await using var hub = await StartHubAsync();

        var lines = hub.ConsoleOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var link = Assert.Single(lines, line => line.StartsWith(TestHub.SetupLinePrefix, StringComparison.Ordinal)).Trim();
        Assert.StartsWith($"{TestHub.SetupLinePrefix}{hub.BaseAddress.GetLeftPart(UriPartial.Authority)}/setup?token=", link);
    }

    [HubFact]
    public async Task Setup_link_uses_the_public_url_when_one_is_set()
    {
        await using var hub = await StartHubAsync(adjust: options => options with { PublicUrl = new Uri("https://hub.example.com") });

        Assert.StartsWith("https://hub.example.com/setup?token=", hub.SetupLink);
    }

    [HubFact]
    public async Task Setup_makes_the_admin_and_the_link_then_stops_working()
    {
        await using var hub = await StartHubAsync();
        var link = hub.SetupLink!;

        using var admin = await hub.SetUpAdminAsync();
        var home = await admin.GetAsync("/");
        using var again = hub.Browser();
        var reused = await again.GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains(HubScenarios.OrganisationA, home.Html);
        Assert.Contains(HubScenarios.AdminEmail, home.Html);
        Assert.Equal(HttpStatusCode.NotFound, reused.Status);
        Assert.Contains("no longer valid", reused.Html);
    }

    [HubFact]
    public async Task Posting_the_spent_token_again_makes_no_second_admin()
    {
        await using var hub = await StartHubAsync();
        var link = hub.SetupLink!;
        using var first = hub.Browser();
        var form = await first.GetAsync(new Uri(link).PathAndQuery);
        using var admin = await hub.SetUpAdminAsync();

        var second = await first.PostFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.AntiforgeryToken,
            ["Token"] = HubScenarios.SetupToken(link),
            ["Organisation"] = "Intruders",
            ["Email"] = "mallory@evil.example",
            ["Password"] = Password,
        });
        using var mallory = hub.Browser();
        var signIn = await mallory.SignInAsync("mallory@evil.example");

        Assert.Equal(HttpStatusCode.NotFound, second.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.Status);
    }

    [HubFact]
    public async Task A_wrong_token_is_refused()
    {
        await using var hub = await StartHubAsync();
        using var browser = hub.Browser();

        var page = await browser.GetAsync("/setup?token=not-the-token");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [HubFact]
    public async Task A_restart_before_setup_prints_a_new_link_and_the_old_one_stops_working()
    {
        var database = NewDatabase();
        string firstLink;
        await using (var first = await TestHub.StartAsync(database))
        {
            firstLink = first.SetupLink!;
        }

        await using var second = await StartHubAsync(database);
        using var browser = second.Browser();
        var old = await browser.GetAsync(new Uri(firstLink).PathAndQuery);
        var fresh = await browser.GetAsync(new Uri(second.SetupLink!).PathAndQuery);

        Assert.NotEqual(firstLink, second.SetupLink);
        Assert.Equal(HttpStatusCode.NotFound, old.Status);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }
}

public sealed class SetupTestsOnSqlite() : SetupTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class SetupTestsOnPostgres() : SetupTests(HubDatabaseKind.Postgres);
