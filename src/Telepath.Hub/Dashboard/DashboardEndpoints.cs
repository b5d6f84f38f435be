using Telepath.Hub.Accounts;
using Telepath.Hub.Data;
using Telepath.Hub.Previews;
using Telepath.Hub.Security;

namespace Telepath.Hub.Dashboard;

/// <summary>
/// The dashboard's JSON, for the signed-in page (cookie and antiforgery header): the organisation's previews, and
/// the owner's switches. Another organisation's preview is "not found"; a colleague's is "forbidden".
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var dashboard = endpoints.MapGroup("/api/dashboard/previews")
            .RequireAuthorization(HubAuthentication.ApiPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        dashboard.MapGet("", ListAsync);
        dashboard.MapPost("/{id}/visibility", SetVisibilityAsync);
        dashboard.MapDelete("/{id}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, CurrentMember current, PreviewRegistry registry, PreviewUrls urls, PreviewTraffic traffic, TimeProvider time)
    {
        var member = (await current.GetAsync())!;
        var now = time.GetUtcNow();
        var previews = await registry.OfOrganisationAsync(member.OrganisationId);
        return Results.Json(previews.Select(p =>
        {
            var (requests, lastRequestAt) = traffic.Of(p.Id);
            return new DashboardPreview(
                p.Id,
                p.InterceptName,
                p.Workload,
                p.Namespace,
                p.Owner?.Email ?? "",
                p.OwnerUserId == member.UserId,
                PreviewLease.LaptopGone(p.LastSeenAt, now) ? "laptop gone" : "active",
                urls.Origin(p.Id, request) + "/",
                p.Visibility == PreviewVisibility.Public ? "public" : "private",
                requests,
                lastRequestAt);
        }));
    }

    private static async Task<IResult> SetVisibilityAsync(string id, VisibilityChange? change, CurrentMember current, PreviewRegistry registry)
    {
        if (change?.Public is not { } isPublic)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", "the body must be {\"public\": true} or {\"public\": false}");
        }

        var visibility = isPublic ? PreviewVisibility.Public : PreviewVisibility.Private;
        return Outcome(await registry.SetVisibilityAsync((await current.GetAsync())!, id, visibility));
    }

    private static async Task<IResult> DeleteAsync(string id, CurrentMember current, PreviewRegistry registry) =>
        Outcome(await registry.EndAsync((await current.GetAsync())!, id));

    private static IResult Outcome(PreviewChange change) => change switch
    {
        PreviewChange.Done => Results.NoContent(),
        PreviewChange.NotOwner => ApiError.Result(StatusCodes.Status403Forbidden, "not_owner", "only the preview's owner may change it"),
        _ => ApiError.NotFound(),
    };
}
