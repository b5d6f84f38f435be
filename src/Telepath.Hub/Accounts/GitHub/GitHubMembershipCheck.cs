using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>
/// Keeps a person's GitHub-backed memberships no older than the re-check interval (10 minutes) whenever they are
/// relied on: the time of the last check is kept with the person, so requests in between ask only the database, and
/// the first request after it asks GitHub again with the token kept from their sign-in.
/// </summary>
public sealed class GitHubMembershipCheck(
    HubDbContext db,
    HubOptions options,
    GitHubApi api,
    GitHubAccessTokens tokens,
    GitHubMemberships memberships,
    GitHubRecheckGate gate,
    TimeProvider time,
    ILogger<GitHubMembershipCheck> logger)
{
    /// <returns>
    /// Whether the person's memberships of GitHub-backed organisations may be relied on for this request. False when
    /// GitHub sign-in is not configured, the person has no GitHub account here, or GitHub could not be asked: access
    /// GitHub grants is never kept on an answer GitHub did not give.
    /// </returns>
    public async Task<bool> EnsureFreshAsync(string userId, CancellationToken cancellation = default)
    {
        if (options.GitHub is not { } gitHub)
        {
            return false;
        }

        var checkedAt = await db.GitHubAccounts.Where(a => a.UserId == userId).Select(a => (DateTimeOffset?)a.MembershipsCheckedAt).SingleOrDefaultAsync(cancellation);
        if (checkedAt is null)
        {
            return false;
        }

        if (IsFresh(checkedAt.Value, gitHub))
        {
            return true;
        }

        using var entered = await gate.EnterAsync(userId, cancellation);
        // Whoever held the gate may have just checked.
        var account = await db.GitHubAccounts.SingleAsync(a => a.UserId == userId, cancellation);
        if (IsFresh(account.MembershipsCheckedAt, gitHub))
        {
            return true;
        }

        var token = tokens.Unprotect(account.ProtectedAccessToken);
        var organizations = token is null
            ? new GitHubAnswer<List<GitHubOrganizationRef>>(GitHubOutcome.Unauthorized)
            : await api.GetOrganizationsAsync(token, cancellation);
        if (organizations.Outcome == GitHubOutcome.Unavailable)
        {
            Log.GitHubRecheckUnavailable(logger, account.Login);
            return false;
        }

        // A token GitHub no longer takes (revoked, or unreadable here) proves no membership: the person has none until they sign in again.
        await memberships.ApplyAsync(userId, organizations.Value ?? []);
        account.MembershipsCheckedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellation);
        return true;
    }

    private bool IsFresh(DateTimeOffset checkedAt, GitHubOptions gitHub) => time.GetUtcNow() - checkedAt < gitHub.EffectiveRecheckInterval;
}
