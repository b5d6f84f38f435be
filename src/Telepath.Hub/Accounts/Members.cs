using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

public sealed record MemberView(string UserId, string Email, MembershipRole Role, DateTimeOffset JoinedAt);

/// <summary>The members of one organisation; never more than the one asked for.</summary>
public sealed class Members(HubDbContext db)
{
    public async Task<IReadOnlyList<MemberView>> OfAsync(Guid organisationId) =>
        await db.Memberships
            .Where(m => m.OrganisationId == organisationId)
            .OrderBy(m => m.JoinedAt)
            .Select(m => new MemberView(m.UserId, m.User!.Email!, m.Role, m.JoinedAt))
            .ToListAsync();

    /// <summary>Whether the user belongs to the organisation, whichever organisation their session acts in.</summary>
    public Task<bool> IsMemberAsync(string userId, Guid organisationId) =>
        db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganisationId == organisationId);
}
