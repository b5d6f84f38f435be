using System.Net;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Tests.Infrastructure.GitHub;

/// <summary>A hub that signs in with the <see cref="FakeGitHub"/>, and the way through it that a browser takes.</summary>
public static class GitHubScenarios
{
    /// <summary>The hub's settings for the fake, serving <paramref name="organizations"/> (`*` for all).</summary>
    public static Func<HubOptions, HubOptions> Serving(this FakeGitHub gitHub, params string[] organizations) => options => options with
    {
        GitHub = new GitHubOptions(
            FakeGitHub.ClientId,
            FakeGitHub.ClientSecret,
            gitHub.WebUrl,
            gitHub.ApiUrl,
            organizations.Contains("*") ? [] : organizations,
            AllOrganizations: organizations.Contains("*")),
    };

    /// <summary>
    /// Presses "Sign in with GitHub" as <paramref name="login"/> (signed in at GitHub) and follows every redirect between
    /// the hub and GitHub; returns the hub's last answer: a redirect home when admitted, the sign-in page with why not otherwise.
    /// </summary>
    public static async Task<HubPage> SignInWithGitHubAsync(this HubBrowser browser, FakeGitHub gitHub, string login)
    {
        gitHub.SignIn(login);
        var page = await browser.SubmitAsync("/signin", new Dictionary<string, string>(), "/signin?handler=GitHub");
        Assert.True(page.Status == HttpStatusCode.Redirect, $"no redirect to GitHub: {page.Status}\n{page.Html}");
        Assert.StartsWith(new Uri(gitHub.WebUrl, "/login/oauth/authorize").AbsoluteUri, page.Location);
        // To GitHub's authorize page, back to the hub's callback, on to the sign-in page's handler; it sends the admitted home.
        for (var hops = 0; page.Status == HttpStatusCode.Redirect && page.Location != "/" && hops < 5; hops++)
        {
            page = await browser.GetAsync(page.Location!);
        }

        return page;
    }
}
