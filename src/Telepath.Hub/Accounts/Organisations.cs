using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

/// <summary>New organisations, made by the hub administrator: the organisation and an admin invitation for its first member.</summary>
public sealed class Organisations(HubDbContext db, Invitations invitations, TimeProvider time)
{
    public async Task<(Organisation Organisation, string InvitationToken)> CreateAsync(string name, string firstAdminEmail, string createdByUserId)
    {
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name.Trim(), CreatedAt = time.GetUtcNow() };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        var (_, token) = await invitations.CreateAsync(organisation.Id, createdByUserId, firstAdminEmail, MembershipRole.Admin);
        return (organisation, token);
    }
}
