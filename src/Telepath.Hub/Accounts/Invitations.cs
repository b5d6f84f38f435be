using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;
using Telepath.Hub.Security;

namespace Telepath.Hub.Accounts;

/// <summary>Invitations to an organisation. Every method that takes an organisation id touches only that organisation's rows.</summary>
public sealed class Invitations(HubDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <returns>The invitation and the token of its link, which is not stored and cannot be shown again.</returns>
    public async Task<(Invitation Invitation, string Token)> CreateAsync(Guid organisationId, string invitedByUserId, string email, MembershipRole role)
    {
        var token = RandomSecret.New();
        var now = time.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Email = EmailAddress.Normalise(email),
            Role = role,
            TokenHash = SecretHash.Of(token),
            InvitedByUserId = invitedByUserId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return (invitation, token);
    }

    public async Task<IReadOnlyList<Invitation>> PendingAsync(Guid organisationId)
    {
        var now = time.GetUtcNow();
        return await db.Invitations
            .Where(i => i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync();
    }

    /// <returns>False when no pending invitation of that id exists in that organisation.</returns>
    public async Task<bool> RevokeAsync(Guid organisationId, Guid invitationId)
    {
        var now = time.GetUtcNow();
        var revoked = await db.Invitations
            .Where(i => i.Id == invitationId && i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.RevokedAt, now));
        return revoked == 1;
    }

    /// <summary>The pending invitation behind a link, with its organisation; null when unknown, used, revoked or expired.</summary>
    public async Task<Invitation?> FindPendingAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = SecretHash.Of(token);
        var invitation = await db.Invitations.Include(i => i.Organisation).FirstOrDefaultAsync(i => i.TokenHash == hash);
        return invitation?.IsPendingAt(time.GetUtcNow()) == true ? invitation : null;
    }

    /// <summary>Spends the invitation and makes the user a member (or raises their role to it); false if someone spent it first.</summary>
    public async Task<bool> AcceptAsync(Invitation invitation, HubUser user)
    {
        var now = time.GetUtcNow();
        var spent = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.AcceptedAt, now).SetProperty(x => x.AcceptedByUserId, user.Id));
        if (spent != 1)
        {
            return false;
        }

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == invitation.OrganisationId && m.UserId == user.Id);
        if (membership is null)
        {
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), OrganisationId = invitation.OrganisationId, UserId = user.Id, Role = invitation.Role, JoinedAt = now });
        }
        else if (invitation.Role == MembershipRole.Admin)
        {
            membership.Role = MembershipRole.Admin;
        }

        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Every pending invitation for this email, oldest first (for OIDC users, who arrive without a link).</summary>
    public async Task<IReadOnlyList<Invitation>> PendingForEmailAsync(string email)
    {
        var normalised = EmailAddress.Normalise(email);
        var now = time.GetUtcNow();
        return await db.Invitations
            .Include(i => i.Organisation)
            .Where(i => i.Email == normalised && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync();
    }
}
