using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Security;

namespace Telepath.Hub.Accounts;

/// <summary>The one-time set-up link and the first admin account it makes.</summary>
public sealed class FirstAdminSetup(HubDbContext db, UserManager<HubUser> users, TimeProvider time)
{
    /// <summary>
    /// A fresh link token while the hub has no users, else null. Earlier unused tokens stop working, so only
    /// the link printed last (the one in front of the operator) is valid.
    /// </summary>
    public async Task<string?> IssueTokenIfNoUsersAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        await db.SetupTokens.Where(s => s.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        var token = RandomSecret.New();
        db.SetupTokens.Add(new SetupToken { Id = Guid.NewGuid(), TokenHash = SecretHash.Of(token), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<bool> IsUsableAsync(string? token)
    {
        if (token is null || await db.Users.AnyAsync())
        {
            return false;
        }

        var hash = SecretHash.Of(token);
        return await db.SetupTokens.AnyAsync(s => s.TokenHash == hash && s.UsedAt == null);
    }

    /// <summary>Makes the hub administrator, their organisation and their admin membership, in one transaction that also spends the token.</summary>
    public async Task<(HubUser? User, IReadOnlyList<string> Errors)> CompleteAsync(string token, string email, string password, string organisationName)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = time.GetUtcNow();
        var hash = SecretHash.Of(token);
        // The conditional update is the lock: of two concurrent set-ups only one sees a row change.
        var spent = await db.SetupTokens
            .Where(s => s.TokenHash == hash && s.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now));
        if (spent != 1 || await db.Users.AnyAsync())
        {
            return (null, ["This set-up link is no longer valid."]);
        }

        var user = new HubUser { UserName = email, Email = email, EmailConfirmed = true, IsHubAdministrator = true, CreatedAt = now };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, [.. created.Errors.Select(e => e.Description)]);
        }

        var organisation = new Organisation { Id = Guid.NewGuid(), Name = organisationName.Trim(), CreatedAt = now };
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership { Id = Guid.NewGuid(), OrganisationId = organisation.Id, UserId = user.Id, Role = MembershipRole.Admin, JoinedAt = now });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, []);
    }
}
