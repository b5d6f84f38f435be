using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Identity;
using Telepath.Hub.Hosting;
using Telepath.Hub.Security;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>
/// The GitHub scheme, added only when `Hub:GitHub` has a client id and secret. It signs in to Identity's external
/// cookie, keeping GitHub's token in it; <see cref="GitHubAdmission"/> then decides whether the person may enter.
/// </summary>
public static class GitHubAuthentication
{
    public const string CallbackPath = "/signin-github";

    /// <summary>Who the person is, their verified emails, and their organisations.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["read:user", "user:email", "read:org"];

    public static AuthenticationBuilder AddHubGitHub(this AuthenticationBuilder authentication, HubOptions hub)
    {
        if (hub.GitHub is not { } gitHub)
        {
            return authentication;
        }

        return authentication.AddOAuth<OAuthOptions, GitHubOAuthHandler>(HubAuthentication.GitHubScheme, "GitHub", options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.ClientId = gitHub.ClientId;
            options.ClientSecret = gitHub.ClientSecret;
            options.CallbackPath = CallbackPath;
            options.AuthorizationEndpoint = GitHubOptions.Under(gitHub.WebUrl, "login/oauth/authorize").AbsoluteUri;
            options.TokenEndpoint = GitHubOptions.Under(gitHub.WebUrl, "login/oauth/access_token").AbsoluteUri;
            options.UsePkce = true;
            // Admission re-checks the organisations with it, and keeps it (protected) for the re-checks that follow.
            options.SaveTokens = true;
            options.Scope.Clear();
            foreach (var scope in Scopes)
            {
                options.Scope.Add(scope);
            }

            // GitHub sends people back with a top-level GET redirect, so the correlation cookie can stay SameSite=Lax.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            // Secure only when the hub is served over https, like its other cookies: a plain-http hub on localhost must work.
            options.CorrelationCookie.SecurePolicy = hub.PublicUrlIsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Events.OnRemoteFailure = context =>
            {
                // A refusal at GitHub or a failed exchange ends on the sign-in page with a reason, not an error page.
                context.Response.Redirect("/signin?handler=GitHubCallback");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
