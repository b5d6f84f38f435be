using Telepath.Hub.Security;

namespace Telepath.Hub.Accounts;

/// <summary>The caller's organisation as JSON, for the dashboard and scripts: always the caller's own, whatever id is asked for.</summary>
public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var organisation = endpoints.MapGroup("/api/org")
            .RequireAuthorization(HubAuthentication.ApiPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        organisation.MapGet("/members", MembersAsync);
        var admin = organisation.MapGroup("/invitations").RequireAuthorization(HubAuthentication.OrganisationAdminPolicy);
        admin.MapGet("", InvitationsAsync);
        admin.MapDelete("/{id:guid}", RevokeInvitationAsync);
        return endpoints;
    }

    private static async Task<IResult> MembersAsync(CurrentMember current, Members members)
    {
        var member = (await current.GetAsync())!;
        var list = await members.OfAsync(member.OrganisationId);
        return Results.Json(list.Select(m => new { m.Email, Role = m.Role.ToString(), m.JoinedAt }));
    }

    private static async Task<IResult> InvitationsAsync(CurrentMember current, Invitations invitations)
    {
        var member = (await current.GetAsync())!;
        var pending = await invitations.PendingAsync(member.OrganisationId);
        return Results.Json(pending.Select(i => new { i.Id, i.Email, Role = i.Role.ToString(), i.CreatedAt, i.ExpiresAt }));
    }

    private static async Task<IResult> RevokeInvitationAsync(Guid id, CurrentMember current, Invitations invitations)
    {
        var member = (await current.GetAsync())!;
        // Another organisation's invitation is "not found", not "forbidden": its existence is not ours to confirm.
        return await invitations.RevokeAsync(member.OrganisationId, id)
            ? Results.NoContent()
            : Results.Json(new ApiError("not_found"), statusCode: StatusCodes.Status404NotFound);
    }
}
