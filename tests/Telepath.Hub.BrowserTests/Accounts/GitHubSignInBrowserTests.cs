using Microsoft.Playwright;
using Telepath.Hub.BrowserTests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure;
using Telepath.Hub.Tests.Infrastructure.GitHub;

namespace Telepath.Hub.BrowserTests.Accounts;

/// <summary>"Sign in with GitHub" in real Chromium, through the loopback fake of GitHub and back, onto the dashboard.</summary>
public sealed class GitHubSignInBrowserTests() : HubTestBase(HubDatabaseKind.Sqlite)
{
    [ChromiumFact]
    public async Task Sign_in_with_GitHub_lands_on_the_dashboard_of_the_GitHub_organisation_and_no_other()
    {
        var gitHub = Own(await FakeGitHub.StartAsync());
        gitHub.AddUser(new FakeGitHubUser(101, "alice", new FakeGitHubEmail("alice@acme.example", Primary: true)));
        gitHub.AddUser(new FakeGitHubUser(102, "bob", new FakeGitHubEmail("bob@umbrella.example", Primary: true)));
        gitHub.AddMember("acme", "alice");
        gitHub.AddMember("umbrella", "bob");
        var hub = await StartHubAsync(adjust: gitHub.Serving("acme", "umbrella"));
        // Alice's laptop makes a preview in acme: signed in with GitHub over HTTP, with an API key of her own.
        using var alicesBrowser = hub.Browser();
        await alicesBrowser.SignInWithGitHubAsync(gitHub, "alice");
        using var alicesLaptop = hub.Api(await alicesBrowser.CreateApiKeyAsync());
        var id = (await alicesLaptop.CreatePreviewAsync(8080)).GetProperty("id").GetString();
        var chromium = Own(await Chromium.LaunchAsync());
        var page = await chromium.PageAsync();

        await SignInWithGitHubAsync(page, hub, gitHub, "alice");
        await page.GotoAsync(new Uri(hub.BaseAddress, "/dashboard").ToString());
        await Assertions.Expect(page.Locator("nav .who")).ToHaveTextAsync("alice@acme.example · acme");
        await Assertions.Expect(page.Locator("h1 + p.muted")).ToContainTextAsync("Everyone's in acme,");
        await Assertions.Expect(page.Locator($"#previews tr[data-id='{id}']")).ToContainTextAsync("alice@acme.example");
        await Screenshots.SaveAsync(page, "github-sign-in-dashboard.png");

        await chromium.ForgetEveryoneAsync();
        await SignInWithGitHubAsync(page, hub, gitHub, "bob");
        await page.GotoAsync(new Uri(hub.BaseAddress, "/dashboard").ToString());
        await Assertions.Expect(page.Locator("nav .who")).ToHaveTextAsync("bob@umbrella.example · umbrella");
        await Assertions.Expect(page.Locator("#no-previews")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#previews tr[data-id='{id}']")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Presses "Sign in with GitHub" as <paramref name="login"/>, signed in at GitHub: the fake's authorize page approves
    /// at once and sends the browser back through the hub's callback to the hub's home page.
    /// </summary>
    private static async Task SignInWithGitHubAsync(IPage page, TestHub hub, FakeGitHub gitHub, string login)
    {
        gitHub.SignIn(login);
        await page.GotoAsync(new Uri(hub.BaseAddress, "/signin").ToString());
        var visited = new List<string>();
        void Record(object? sender, IRequest request) => visited.Add(request.Url);
        page.Request += Record;
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with GitHub" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(hub.BaseAddress, "/").ToString());
        page.Request -= Record;

        var authorize = new Uri(gitHub.WebUrl, "/login/oauth/authorize").AbsoluteUri;
        Assert.True(visited.Any(url => url.StartsWith(authorize, StringComparison.Ordinal)), $"never at GitHub's authorize page:\n{string.Join('\n', visited)}");
    }
}
