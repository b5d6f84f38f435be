using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Accounts.GitHub;
using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

/// <summary>
/// The caller's membership, read once per request. A token names its organisation; a browser session uses
/// the user's oldest membership (one organisation per person is the common case; switching is later work).
/// Read from the database each request, so a removed member loses access at once.
/// </summary>
public sealed class CurrentMember(IHttpContextAccessor http, HubDbContext db, GitHubMembershipCheck gitHub)
{
    private Task<OrganisationMember?>? _member;

    public Task<OrganisationMember?> GetAsync() => _member ??= LoadAsync(http.HttpContext?.User);

    private async Task<OrganisationMember?> LoadAsync(ClaimsPrincipal? principal)
    {
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        // GitHub-backed memberships count only while GitHub's word on them is fresh (see GitHubMembershipCheck).
        var gitHubTrusted = await gitHub.EnsureFreshAsync(userId);
        var memberships = db.Memberships.Where(m => m.UserId == userId && (gitHubTrusted || m.Organisation!.GitHubOrganization == null));
        if (Guid.TryParse(principal!.FindFirstValue(HubClaims.OrganisationId), out var organisationId))
        {
            memberships = memberships.Where(m => m.OrganisationId == organisationId);
        }

        return await memberships
            .OrderBy(m => m.JoinedAt)
            .Select(m => new OrganisationMember(
                m.UserId,
                m.User!.Email!,
                m.User.IsHubAdministrator,
                m.OrganisationId,
                m.Organisation!.Name,
                m.Role))
            .FirstOrDefaultAsync();
    }
}
