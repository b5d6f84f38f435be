using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>
/// Who may enter through GitHub: a person found by their GitHub login (never by email), or a new person whose
/// GitHub organisations include one the hub serves. Their memberships are checked with GitHub at every sign-in.
/// </summary>
public sealed class GitHubAdmission(
    UserManager<HubUser> users,
    ExternalAccounts accounts,
    SignInManager<HubUser> signIn,
    GitHubApi api,
    GitHubAccessTokens tokens,
    GitHubMemberships memberships,
    HubDbContext db,
    TimeProvider time,
    ILogger<GitHubAdmission> logger)
{
    public const string AccountExists = "An account with this email address already exists: sign in with your password, then link GitHub.";
    public const string NoVerifiedEmail = "GitHub lists no verified email address for this account.";
    public const string NoServedOrganisation = "None of your GitHub organisations uses this hub.";
    public const string GitHubUnavailable = "GitHub did not answer; try again in a moment.";

    /// <returns>Null when signed in, else why not, to show the person.</returns>
    public async Task<string?> AdmitAsync(ExternalLoginInfo login, CancellationToken cancellation = default)
    {
        var gitHubLogin = login.Principal.FindFirstValue(GitHubClaims.Login) ?? login.ProviderKey;
        var token = login.AuthenticationTokens?.FirstOrDefault(t => t.Name == "access_token")?.Value;
        if (token is null || !long.TryParse(login.ProviderKey, NumberStyles.None, CultureInfo.InvariantCulture, out var gitHubUserId))
        {
            return Refuse(gitHubLogin, GitHubUnavailable);
        }

        var organizations = await api.GetOrganizationsAsync(token, cancellation);
        if (organizations.Value is null)
        {
            return Refuse(gitHubLogin, GitHubUnavailable);
        }

        var emails = login.Principal.FindAll(GitHubClaims.VerifiedEmail).Select(c => c.Value).Where(EmailAddress.LooksValid).ToList();
        var (match, user) = await accounts.FindAsync(login.LoginProvider, login.ProviderKey, emails);
        if (match == ExternalAccountMatch.EmailTaken)
        {
            // Only the account's owner, signed in, may link GitHub to it.
            return Refuse(gitHubLogin, AccountExists);
        }

        if (user is null)
        {
            if (emails.Count == 0)
            {
                return Refuse(gitHubLogin, NoVerifiedEmail);
            }

            if (!organizations.Value.Any(o => memberships.Serves(o.Login)))
            {
                return Refuse(gitHubLogin, NoServedOrganisation);
            }

            user = new HubUser { UserName = emails[0], Email = emails[0], EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return Refuse(gitHubLogin, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddLoginAsync(user, login);
        }

        await KeepAsync(user.Id, gitHubUserId, gitHubLogin, token, cancellation);
        await memberships.ApplyAsync(user.Id, organizations.Value);
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellation))
        {
            return Refuse(gitHubLogin, NoServedOrganisation);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: login.LoginProvider);
        return null;
    }

    // The token and the time of this check, for the re-checks while the person's session and CLI tokens are used.
    private async Task KeepAsync(string userId, long gitHubUserId, string gitHubLogin, string token, CancellationToken cancellation)
    {
        var account = await db.GitHubAccounts.SingleOrDefaultAsync(a => a.UserId == userId, cancellation);
        if (account is null)
        {
            account = new GitHubAccount { UserId = userId, Login = gitHubLogin, ProtectedAccessToken = "" };
            db.GitHubAccounts.Add(account);
        }

        account.GitHubUserId = gitHubUserId;
        account.Login = gitHubLogin;
        account.ProtectedAccessToken = tokens.Protect(token);
        account.MembershipsCheckedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellation);
    }

    private string Refuse(string login, string reason)
    {
        Log.GitHubRefused(logger, login, reason);
        return reason;
    }
}
