using Telepath.Hub.Data;

namespace Telepath.Hub.Accounts;

/// <summary>Who is calling, in which organisation: every query of organisation data is filtered by <see cref="OrganisationId"/>.</summary>
public sealed record OrganisationMember(
    string UserId,
    string Email,
    bool IsHubAdministrator,
    Guid OrganisationId,
    string OrganisationName,
    MembershipRole Role)
{
    public bool IsAdmin => Role == MembershipRole.Admin;
}
