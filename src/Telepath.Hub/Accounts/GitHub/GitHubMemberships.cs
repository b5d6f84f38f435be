using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>
/// Makes a person's memberships of GitHub-backed organisations what GitHub says: each served GitHub organisation
/// they belong to becomes a hub organisation on first use and they a member of it; one they left takes them out,
/// with their tokens and previews there, as an admin's removal does. Organisations of the hub's own are not touched.
/// </summary>
public sealed class GitHubMemberships(HubDbContext db, HubOptions options, TimeProvider time, ILogger<GitHubMemberships> logger)
{
    /// <summary>Whether the hub serves this GitHub organisation (`Hub:GitHub:Organizations`).</summary>
    public bool Serves(string login) => options.GitHub?.Serves(login) == true;

    public async Task ApplyAsync(string userId, IEnumerable<GitHubOrganizationRef> gitHubOrganizations)
    {
        var served = gitHubOrganizations.Where(o => Serves(o.Login)).DistinctBy(o => Key(o.Login)).ToList();
        var now = time.GetUtcNow();

        foreach (var organization in served)
        {
            var organisation = await FindOrCreateAsync(organization.Login, now);
            if (!await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganisationId == organisation.Id))
            {
                await AddAsync(new Membership { Id = Guid.NewGuid(), OrganisationId = organisation.Id, UserId = userId, Role = MembershipRole.Member, JoinedAt = now });
                Log.GitHubMemberAdded(logger, userId, organization.Login);
            }
        }

        var keys = served.Select(o => Key(o.Login)).ToList();
        var left = await db.Memberships
            .Where(m => m.UserId == userId && m.Organisation!.GitHubOrganization != null && !keys.Contains(m.Organisation.GitHubOrganization))
            .Include(m => m.Organisation)
            .ToListAsync();
        foreach (var membership in left)
        {
            await RemoveAsync(membership, now);
            Log.GitHubMemberRemoved(logger, userId, membership.Organisation!.Name);
        }
    }

    private static string Key(string login) => login.ToLowerInvariant();

    private async Task<Organisation> FindOrCreateAsync(string login, DateTimeOffset now)
    {
        var key = Key(login);
        if (await db.Organisations.SingleOrDefaultAsync(o => o.GitHubOrganization == key) is { } existing)
        {
            return existing;
        }

        var organisation = new Organisation { Id = Guid.NewGuid(), Name = login, GitHubOrganization = key, CreatedAt = now };
        db.Organisations.Add(organisation);
        try
        {
            await db.SaveChangesAsync();
            Log.GitHubOrganisationCreated(logger, login);
            return organisation;
        }
        catch (DbUpdateException)
        {
            // Another member's first sign-in made it at the same moment: the unique index kept one, use that.
            db.Entry(organisation).State = EntityState.Detached;
            return await db.Organisations.SingleAsync(o => o.GitHubOrganization == key);
        }
    }

    private async Task AddAsync(Membership membership)
    {
        db.Memberships.Add(membership);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another replica's check added it at the same moment: the unique index kept one, which is all we wanted.
            db.Entry(membership).State = EntityState.Detached;
        }
    }

    private async Task RemoveAsync(Membership membership, DateTimeOffset now)
    {
        var (organisationId, userId) = (membership.OrganisationId, membership.UserId);
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
    }
}
