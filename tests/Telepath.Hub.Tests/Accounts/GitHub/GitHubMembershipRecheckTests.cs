using System.Net;
using Microsoft.Extensions.Time.Testing;
using Telepath.Hub.Previews;
using Telepath.Hub.Tests.CliAuth;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure.GitHub;

namespace Telepath.Hub.Tests.Accounts.GitHub;

/// <summary>Membership follows GitHub: asked again at most every 10 minutes of use, and not in between.</summary>
public abstract class GitHubMembershipRecheckTests(HubDatabaseKind database) : HubTestBase(database)
{
    private static readonly TimeSpan Step = PreviewLease.Duration / 2;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [HubFact]
    public async Task Someone_removed_from_the_GitHub_organisation_loses_its_previews_and_tokens_within_ten_minutes_and_GitHub_is_not_asked_in_between()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(201, "alice", new FakeGitHubEmail("alice@acme.example", Primary: true)));
        gitHub.AddUser(new FakeGitHubUser(202, "bob", new FakeGitHubEmail("bob@acme.example", Primary: true)));
        gitHub.AddMember("acme", "alice");
        gitHub.AddMember("acme", "bob");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"), time: _time);
        var ingress = Own(await LoopbackIngress.StartAsync());
        using var alice = hub.Browser();
        using var bob = hub.Browser();
        await alice.SignInWithGitHubAsync(gitHub, "alice");
        await bob.SignInWithGitHubAsync(gitHub, "bob");
        using var alicesLaptop = hub.Api(await CliLoginAsync(hub, alice));
        using var bobsLaptop = hub.Api(await bob.CreateApiKeyAsync());
        var bobsPreview = (await bobsLaptop.CreatePreviewAsync(ingress.Port)).GetProperty("url").GetString()!;
        using var visitor = new PreviewVisitor(hub.BaseAddress, alice.Cookies);
        var alicesCallsAtSignIn = gitHub.ApiCallsOf("alice");

        var (admitted, _) = await visitor.FollowAsync(bobsPreview + "page");
        await PassAsync(TimeSpan.FromMinutes(5), bobsLaptop);
        gitHub.RemoveMember("acme", "alice");
        var cached = await visitor.GetAsync(bobsPreview + "page");
        using var cachedMe = await alicesLaptop.GetAsync("/api/cli/me");
        using var cachedSession = await alice.Client.GetAsync("/api/cli/me");
        var alicesCallsWithinTheInterval = gitHub.ApiCallsOf("alice");
        await PassAsync(TimeSpan.FromMinutes(5) + Step, bobsLaptop);
        var refused = await visitor.GetAsync(bobsPreview + "page");
        using var refusedMe = await alicesLaptop.GetAsync("/api/cli/me");
        using var refusedSession = await alice.Client.GetAsync("/api/cli/me");
        var (handOff, _) = await visitor.FollowAsync(bobsPreview + "other");
        using var bobsMe = await bobsLaptop.GetAsync("/api/cli/me");

        Assert.Contains("Hello from the laptop", admitted.Html);
        Assert.Contains("Hello from the laptop", cached.Html);
        Assert.Equal(HttpStatusCode.OK, cachedMe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cachedSession.StatusCode);
        Assert.Equal(alicesCallsAtSignIn, alicesCallsWithinTheInterval);
        Assert.NotEqual(HttpStatusCode.OK, refused.Status);
        Assert.DoesNotContain("Hello from", refused.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedMe.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, refusedSession.StatusCode);
        Assert.DoesNotContain("Hello from", handOff.Html);
        Assert.Equal(alicesCallsAtSignIn + 1, gitHub.ApiCallsOf("alice"));
        Assert.Equal(HttpStatusCode.OK, bobsMe.StatusCode);
    }

    [HubFact]
    public async Task A_token_GitHub_no_longer_takes_ends_the_GitHub_memberships_at_the_next_check()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(203, "carol", new FakeGitHubEmail("carol@acme.example", Primary: true)));
        gitHub.AddMember("acme", "carol");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"), time: _time);
        using var carol = hub.Browser();
        await carol.SignInWithGitHubAsync(gitHub, "carol");
        using var laptop = hub.Api(await carol.CreateApiKeyAsync());

        gitHub.RevokeTokensOf("carol");
        _time.Advance(TimeSpan.FromMinutes(11));
        using var me = await laptop.GetAsync("/api/cli/me");
        var again = await carol.SignInWithGitHubAsync(gitHub, "carol");
        using var session = await carol.Client.GetAsync("/api/cli/me");

        Assert.NotEqual(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
    }

    [HubFact]
    public async Task While_GitHub_cannot_answer_the_re_check_its_organisations_are_closed_to_the_person_and_open_again_after()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(204, "dave", new FakeGitHubEmail("dave@acme.example", Primary: true)));
        gitHub.AddMember("acme", "dave");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"), time: _time);
        using var dave = hub.Browser();
        await dave.SignInWithGitHubAsync(gitHub, "dave");
        using var laptop = hub.Api(await dave.CreateApiKeyAsync());

        gitHub.Unavailable = true;
        _time.Advance(TimeSpan.FromMinutes(11));
        using var duringOutage = await laptop.GetAsync("/api/cli/me");
        gitHub.Unavailable = false;
        using var after = await laptop.GetAsync("/api/cli/me");

        Assert.Equal(HttpStatusCode.Forbidden, duringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [HubFact]
    public async Task Requests_that_arrive_together_when_the_interval_runs_out_share_one_re_check()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(205, "erin", new FakeGitHubEmail("erin@acme.example", Primary: true)));
        gitHub.AddMember("acme", "erin");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme"), time: _time);
        using var erin = hub.Browser();
        await erin.SignInWithGitHubAsync(gitHub, "erin");
        using var laptop = hub.Api(await erin.CreateApiKeyAsync());
        var callsAtSignIn = gitHub.ApiCallsOf("erin");

        _time.Advance(TimeSpan.FromMinutes(11));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => laptop.GetAsync("/api/cli/me")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(callsAtSignIn + 1, gitHub.ApiCallsOf("erin"));
    }

    [HubFact]
    public async Task The_kept_GitHub_token_outlives_a_restart_so_the_re_check_after_it_still_runs()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(206, "frank", new FakeGitHubEmail("frank@acme.example", Primary: true)));
        gitHub.AddMember("acme", "frank");
        var database = NewDatabase();
        string apiKey;
        await using (var first = await TestHub.StartAsync(database, gitHub.Serving("acme"), _time))
        {
            using var frank = first.Browser();
            await frank.SignInWithGitHubAsync(gitHub, "frank");
            apiKey = await frank.CreateApiKeyAsync();
        }

        var callsBeforeRestart = gitHub.ApiCallsOf("frank");
        var second = await StartHubAsync(database, gitHub.Serving("acme"), _time);
        _time.Advance(TimeSpan.FromMinutes(11));
        using var laptop = second.Api(apiKey);
        using var me = await laptop.GetAsync("/api/cli/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(callsBeforeRestart + 1, gitHub.ApiCallsOf("frank"));
    }

    [HubFact]
    public async Task An_organisation_the_administrator_stops_serving_loses_its_GitHub_members_at_their_next_check()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(207, "grace", new FakeGitHubEmail("grace@acme.example", Primary: true)));
        gitHub.AddMember("acme", "grace");
        gitHub.AddMember("widgets", "grace");
        var database = NewDatabase();
        string apiKey;
        await using (var first = await TestHub.StartAsync(database, gitHub.Serving("acme"), _time))
        {
            using var grace = first.Browser();
            await grace.SignInWithGitHubAsync(gitHub, "grace");
            apiKey = await grace.CreateApiKeyAsync();
        }

        var second = await StartHubAsync(database, gitHub.Serving("widgets"), _time);
        _time.Advance(TimeSpan.FromMinutes(11));
        using var laptop = second.Api(apiKey);
        using var me = await laptop.GetAsync("/api/cli/me");
        using var browser = second.Browser();
        await browser.SignInWithGitHubAsync(gitHub, "grace");
        using var session = await browser.Client.GetAsync("/api/cli/me");

        Assert.NotEqual(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"organisation\":\"widgets\"", await session.Content.ReadAsStringAsync());
    }

    // `telepath login`: the device flow, approved on the hub's /device page; the CLI gets a token of the person's organisation.
    private async Task<string> CliLoginAsync(TestHub hub, HubBrowser person)
    {
        var cli = new DeviceFlowClient(hub);
        var start = await cli.StartAsync();
        var confirm = await person.LookUpDeviceCodeAsync(start.GetProperty("user_code").GetString()!);
        await person.DecideDeviceCodeAsync(confirm, "approve");
        _time.Advance(TimeSpan.FromSeconds(5));
        var issued = await cli.PollAsync(start.GetProperty("device_code").GetString()!);
        return issued.AccessToken ?? throw new InvalidOperationException($"no CLI token: {issued.Error}");
    }

    // Time passes while Bob's laptop keeps renewing his preview, as the daemon does every 2 s.
    private async Task PassAsync(TimeSpan time, HttpClient renewingLaptop)
    {
        for (var passed = TimeSpan.Zero; passed < time; passed += Step)
        {
            _time.Advance(Step);
            await renewingLaptop.MineAsync();
        }
    }
}

public sealed class GitHubMembershipRecheckTestsOnSqlite() : GitHubMembershipRecheckTests(HubDatabaseKind.Sqlite);

[OnPostgres]
public sealed class GitHubMembershipRecheckTestsOnPostgres() : GitHubMembershipRecheckTests(HubDatabaseKind.Postgres);
