using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

public sealed record MemberView(string UserId, string Email, MembershipRole Role, DateTimeOffset JoinedAt);

/// <summary>Why a removal did not happen; <see cref="None"/> when it did.</summary>
public enum RemovalRefusal
{
    None,
    NotFound,
    Yourself,
    LastAdmin,
}

/// <summary>The members of one organisation; never more than the one asked for.</summary>
public sealed class Members(HubDbContext db, TimeProvider time, GitHubMembershipCheck gitHub)
{
    public async Task<IReadOnlyList<MemberView>> OfAsync(Guid organisationId) =>
        await db.Memberships
            .Where(m => m.OrganisationId == organisationId)
            .OrderBy(m => m.JoinedAt)
            .Select(m => new MemberView(m.UserId, m.User!.Email!, m.Role, m.JoinedAt))
            .ToListAsync();

    /// <summary>
    /// Whether the user belongs to the organisation, whichever organisation their session acts in. A GitHub-backed
    /// membership is re-checked with GitHub first when its last check is older than the re-check interval.
    /// </summary>
    public async Task<bool> IsMemberAsync(string userId, Guid organisationId)
    {
        var gitHubTrusted = await gitHub.EnsureFreshAsync(userId);
        return await db.Memberships.AnyAsync(m =>
            m.UserId == userId && m.OrganisationId == organisationId && (gitHubTrusted || m.Organisation!.GitHubOrganization == null));
    }

    /// <summary>
    /// Takes a person out of the organisation: their membership, their CLI logins and API keys of it,
    /// and their previews in it, at once. Not oneself (an organisation must not lose its admin by a
    /// slip), and never the last admin.
    /// </summary>
    public async Task<RemovalRefusal> RemoveAsync(Guid organisationId, string userId, string byUserId)
    {
        if (userId == byUserId)
        {
            return RemovalRefusal.Yourself;
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId);
        if (membership is null)
        {
            return RemovalRefusal.NotFound;
        }

        if (membership.Role == MembershipRole.Admin
            && await db.Memberships.CountAsync(m => m.OrganisationId == organisationId && m.Role == MembershipRole.Admin) == 1)
        {
            return RemovalRefusal.LastAdmin;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync();
        await db.ApiTokens
            .Where(t => t.OrganisationId == organisationId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now));
        await db.Previews
            .Where(p => p.OrganisationId == organisationId && p.OwnerUserId == userId && p.EndedAt == null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.EndedAt, now));
        await transaction.CommitAsync();
        return RemovalRefusal.None;
    }
}
