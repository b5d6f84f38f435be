using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure.GitHub;

namespace Telepath.Hub.Tests.Accounts.GitHub;

/// <summary>Signing in with GitHub: who gets in, with which email, and into which organisation.</summary>
public abstract class GitHubSignInTests(HubDatabaseKind database) : HubTestBase(database)
{
    [HubFact]
    public async Task Sign_in_with_GitHub_makes_the_person_and_a_hub_organisation_for_their_served_GitHub_organisation()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(101, "alice", new FakeGitHubEmail("alice@acme.example", Primary: true)));
        gitHub.AddMember("acme", "alice");
        gitHub.AddMember("elsewhere", "alice");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"));
        using var alice = hub.Browser();

        var signInPage = await alice.GetAsync("/signin");
        var signedIn = await alice.SignInWithGitHubAsync(gitHub, "alice");
        Assert.True(signedIn.Status == HttpStatusCode.Redirect, signedIn.Html);
        var me = await MeAsync(alice);
        using var laptop = hub.Api(await alice.CreateApiKeyAsync());
        var meByToken = await laptop.GetFromJsonAsync<JsonElement>("/api/cli/me");

        Assert.Contains("Sign in with GitHub", signInPage.Html);
        Assert.Equal("/", signedIn.Location);
        Assert.Equal("alice@acme.example", me.GetProperty("email").GetString());
        Assert.Equal("acme", me.GetProperty("organisation").GetString());
        Assert.Equal("Member", me.GetProperty("role").GetString());
        Assert.Equal("acme", meByToken.GetProperty("organisation").GetString());
    }

    [HubFact]
    public async Task Members_of_one_GitHub_organisation_share_its_hub_organisation()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(101, "alice", new FakeGitHubEmail("alice@acme.example", Primary: true)));
        gitHub.AddUser(new FakeGitHubUser(102, "bob", new FakeGitHubEmail("bob@acme.example", Primary: true)));
        gitHub.AddMember("acme", "alice");
        gitHub.AddMember("ACME", "bob");
        var hub = await StartHubAsync(adjust: gitHub.Serving("Acme"));
        using var alice = hub.Browser();
        using var bob = hub.Browser();

        await alice.SignInWithGitHubAsync(gitHub, "alice");
        await bob.SignInWithGitHubAsync(gitHub, "bob");
        var alices = await MeAsync(alice);
        var bobs = await MeAsync(bob);

        Assert.Equal(alices.GetProperty("organisation_id").GetGuid(), bobs.GetProperty("organisation_id").GetGuid());
    }

    [HubFact]
    public async Task A_person_in_no_served_GitHub_organisation_is_refused_and_no_account_is_made()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(103, "mallory", new FakeGitHubEmail("mallory@elsewhere.example", Primary: true)));
        gitHub.AddMember("elsewhere", "mallory");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"));
        using var mallory = hub.Browser();

        var refused = await mallory.SignInWithGitHubAsync(gitHub, "mallory");
        gitHub.AddMember("acme", "mallory");
        var later = await mallory.SignInWithGitHubAsync(gitHub, "mallory");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.True(refused.Contains(GitHubAdmission.NoServedOrganisation), refused.Html);
        Assert.Equal(HttpStatusCode.Redirect, later.Status);
        Assert.Equal("acme", (await MeAsync(mallory)).GetProperty("organisation").GetString());
    }

    [HubFact]
    public async Task With_star_every_GitHub_organisation_of_the_person_is_served()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(104, "carol", new FakeGitHubEmail("carol@elsewhere.example", Primary: true)));
        gitHub.AddMember("elsewhere", "carol");
        var hub = await StartHubAsync(adjust: gitHub.Serving("*"));
        using var carol = hub.Browser();

        var signedIn = await carol.SignInWithGitHubAsync(gitHub, "carol");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("elsewhere", (await MeAsync(carol)).GetProperty("organisation").GetString());
    }

    [HubFact]
    public async Task Only_a_verified_email_names_the_account()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(
            105,
            "dave",
            new FakeGitHubEmail("dave@unverified.example", Primary: true, Verified: false),
            new FakeGitHubEmail("dave@verified.example"))
        { PublicEmail = "dave@public.example" });
        gitHub.AddUser(new FakeGitHubUser(106, "erin", new FakeGitHubEmail("erin@unverified.example", Primary: true, Verified: false)) { PublicEmail = "erin@unverified.example" });
        gitHub.AddMember("acme", "dave");
        gitHub.AddMember("acme", "erin");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"));
        using var dave = hub.Browser();
        using var erin = hub.Browser();

        await dave.SignInWithGitHubAsync(gitHub, "dave");
        var refused = await erin.SignInWithGitHubAsync(gitHub, "erin");

        Assert.Equal("dave@verified.example", (await MeAsync(dave)).GetProperty("email").GetString());
        Assert.True(refused.Contains(GitHubAdmission.NoVerifiedEmail), refused.Html);
    }

    [HubFact]
    public async Task GitHub_never_takes_over_a_password_account_with_the_same_email()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"));
        using var admin = await hub.SetUpAdminAsync();
        using var carol = await hub.AcceptInvitationAsync(await admin.InviteAsync("carol@a.example"));
        gitHub.AddUser(new FakeGitHubUser(107, "carol-gh", new FakeGitHubEmail("elsewhere@carol.example", Primary: true), new FakeGitHubEmail("Carol@A.example")));
        gitHub.AddUser(new FakeGitHubUser(108, "not-the-admin", new FakeGitHubEmail(HubScenarios.AdminEmail, Primary: true)));
        gitHub.AddMember("acme", "carol-gh");
        gitHub.AddMember("acme", "not-the-admin");
        using var intruder = hub.Browser();
        using var impostor = hub.Browser();

        var refused = await intruder.SignInWithGitHubAsync(gitHub, "carol-gh");
        var again = await intruder.SignInWithGitHubAsync(gitHub, "carol-gh");
        var adminRefused = await impostor.SignInWithGitHubAsync(gitHub, "not-the-admin");
        using var intrudersMe = await intruder.Client.GetAsync("/api/cli/me");
        var carolsMe = await MeAsync(carol);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.True(refused.Contains(GitHubAdmission.AccountExists), refused.Html);
        Assert.True(again.Contains(GitHubAdmission.AccountExists), again.Html);
        Assert.True(adminRefused.Contains(GitHubAdmission.AccountExists), adminRefused.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, intrudersMe.StatusCode);
        Assert.Equal(HubScenarios.OrganisationA, carolsMe.GetProperty("organisation").GetString());
    }

    [HubFact]
    public async Task Refusing_the_app_at_GitHub_ends_on_the_sign_in_page()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"));
        using var browser = hub.Browser();

        // GitHub's answer when the person presses Cancel: back to the callback with an error instead of a code.
        var start = await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=GitHub");
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(start.Location!).Query)["state"]!;
        var callback = await browser.GetAsync($"/signin-github?error=access_denied&error_description=denied&state={Uri.EscapeDataString(state)}");
        var page = await browser.GetAsync(callback.Location!);

        Assert.Equal(HttpStatusCode.Redirect, callback.Status);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Contains("The sign-in with GitHub did not complete."), page.Html);
    }

    [HubFact]
    public async Task GitHub_is_given_a_callback_on_the_public_URL_not_on_the_request_host()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        var serving = gitHub.Serving("acme");
        var hub = await StartHubAsync(adjust: options => serving(options) with { PublicUrl = new Uri("http://hub.example:8443") });
        using var browser = hub.Browser();

        var start = await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=GitHub");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(start.Location!).Query);

        Assert.Equal("http://hub.example:8443/signin-github", query["redirect_uri"]);
        Assert.Equal("read:user user:email read:org", query["scope"]);
        Assert.Equal(FakeGitHub.ClientId, query["client_id"]);
    }

    private static async Task<JsonElement> MeAsync(HubBrowser browser)
    {
        using var response = await browser.Client.GetAsync("/api/cli/me");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/cli/me: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}

public sealed class GitHubSignInTestsOnSqlite() : GitHubSignInTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class GitHubSignInTestsOnPostgres() : GitHubSignInTests(HubDatabaseKind.Postgres);
