using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

/// <summary>
/// The caller's membership, read once per request. A token acts only in the organisation it was issued for (no other
/// membership stands in when that one is gone); a browser session acts in the organisation the person last chose
/// (<see cref="HubUser.CurrentOrganisationId"/>) while they are a member of it, else in their oldest membership.
/// Read from the database each request, so a removed member loses access at once.
/// </summary>
public sealed class CurrentMember(IHttpContextAccessor http, HubDbContext db, GitHubMembershipCheck gitHub)
{
    private Task<OrganisationMember?>? _member;
    private Task<IReadOnlyList<OrganisationChoice>>? _organisations;
    private Task<bool>? _gitHubTrusted;

    public Task<OrganisationMember?> GetAsync() => _member ??= LoadAsync(http.HttpContext?.User);

    /// <summary>Every organisation the signed-in person may act in now, by name; empty when signed out.</summary>
    public Task<IReadOnlyList<OrganisationChoice>> OrganisationsAsync() => _organisations ??= LoadOrganisationsAsync(UserId);

    /// <summary>Makes the browser session act in this organisation from now on, in every later session too.</summary>
    /// <returns>False when the person may not act in it (not a member, or GitHub's word on it is stale).</returns>
    public async Task<bool> ChooseAsync(Guid organisationId)
    {
        if (UserId is not { } userId || !(await OrganisationsAsync()).Any(o => o.Id == organisationId))
        {
            return false;
        }

        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.CurrentOrganisationId, organisationId));
        _member = null;
        return true;
    }

    private string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private async Task<OrganisationMember?> LoadAsync(ClaimsPrincipal? principal)
    {
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        var memberships = await UsableAsync(userId);
        if (Guid.TryParse(principal!.FindFirstValue(HubClaims.OrganisationId), out var organisationId))
        {
            memberships = memberships.Where(m => m.OrganisationId == organisationId);
        }

        return await memberships
            .OrderBy(m => m.OrganisationId == m.User!.CurrentOrganisationId ? 0 : 1)
            .ThenBy(m => m.JoinedAt)
            .Select(m => new OrganisationMember(
                m.UserId,
                m.User!.Email!,
                m.User.IsHubAdministrator,
                m.OrganisationId,
                m.Organisation!.Name,
                m.Role))
            .FirstOrDefaultAsync();
    }

    private async Task<IReadOnlyList<OrganisationChoice>> LoadOrganisationsAsync(string? userId)
    {
        if (userId is null)
        {
            return [];
        }

        return await (await UsableAsync(userId))
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new OrganisationChoice(m.OrganisationId, m.Organisation!.Name))
            .ToListAsync();
    }

    // GitHub-backed memberships count only while GitHub's word on them is fresh (see GitHubMembershipCheck).
    private async Task<IQueryable<Membership>> UsableAsync(string userId)
    {
        var gitHubTrusted = await (_gitHubTrusted ??= gitHub.EnsureFreshAsync(userId));
        return db.Memberships.Where(m => m.UserId == userId && (gitHubTrusted || m.Organisation!.GitHubOrganization == null));
    }
}
