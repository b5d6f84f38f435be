using Microsoft.AspNetCore.Authorization;
using Telepath.Hub.Accounts;

namespace Telepath.Hub.Security;

/// <summary>The caller belongs to an organisation, optionally as its admin, or is the hub administrator.</summary>
public sealed record MemberRequirement(bool Admin = false, bool HubAdministrator = false) : IAuthorizationRequirement;

/// <summary>Checks <see cref="MemberRequirement"/> against the database each request, so a removed member is out at once.</summary>
public sealed class MemberRequirementHandler(CurrentMember current) : AuthorizationHandler<MemberRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MemberRequirement requirement)
    {
        var member = await current.GetAsync();
        if (member is null
            || (requirement.Admin && !member.IsAdmin)
            || (requirement.HubAdministrator && !member.IsHubAdministrator))
        {
            return;
        }

        context.Succeed(requirement);
    }
}
