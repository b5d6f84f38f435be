using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>
/// ASP.NET Core's OAuth handler, told who the person is by GitHub's `/user` and `/user/emails`, and sending GitHub a
/// redirect_uri on `Hub:PublicUrl` rather than on the request's Host header (at the authorize step and the code exchange).
/// </summary>
public sealed class GitHubOAuthHandler(
    IOptionsMonitor<OAuthOptions> options, ILoggerFactory logger, UrlEncoder encoder, PublicBaseUrl publicUrl, GitHubApi api)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri) =>
        base.BuildChallengeUrl(properties, publicUrl.Rebase(redirectUri));

    // GitHub compares the exchange's redirect_uri with the authorize step's, so both are rebased.
    protected override Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context) =>
        base.ExchangeCodeAsync(new OAuthCodeExchangeContext(context.Properties, context.Code, publicUrl.Rebase(context.RedirectUri)));

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        // GitHub answers a bad or replayed code with 200 and an `error` field, which leaves no token.
        var token = tokens.AccessToken is { Length: > 0 } value ? value : throw new AuthenticationFailureException("GitHub issued no access token");
        var user = await api.GetUserAsync(token, Context.RequestAborted);
        var emails = await api.GetEmailsAsync(token, Context.RequestAborted);
        if (user.Value is null || emails.Value is null)
        {
            throw new AuthenticationFailureException("GitHub did not say who signed in");
        }

        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Value.Id.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.String, ClaimsIssuer));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Value.Login, ClaimValueTypes.String, ClaimsIssuer));
        identity.AddClaim(new Claim(GitHubClaims.Login, user.Value.Login, ClaimValueTypes.String, ClaimsIssuer));
        foreach (var email in emails.Value.Where(e => e.Verified).OrderByDescending(e => e.Primary))
        {
            identity.AddClaim(new Claim(GitHubClaims.VerifiedEmail, email.Email, ClaimValueTypes.String, ClaimsIssuer));
        }

        return await base.CreateTicketAsync(identity, properties, tokens);
    }
}
