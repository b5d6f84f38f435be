using System.Text.Json;
using Telepath.Hub.Accounts;
using Telepath.Hub.Data;
using Telepath.Hub.Previews.Ingress;
using Telepath.Hub.Security;

namespace Telepath.Hub.Previews;

/// <summary>The laptop's side of previews (bearer token): make one, end one, and list its own, which renews their lease.</summary>
public static class PreviewEndpoints
{
    public static IEndpointRouteBuilder MapPreviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var previews = endpoints.MapGroup("/api/previews")
            .RequireAuthorization(HubAuthentication.ApiPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>();
        previews.MapPost("", CreateAsync);
        previews.MapGet("/mine", MineAsync);
        previews.MapDelete("/{id}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest http, CurrentMember current, PreviewRegistry registry, PreviewUrls urls, IngressGate ingresses, ILogger<PreviewRegistry> logger)
    {
        PreviewCreationRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<PreviewCreationRequest>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: not a JSON content type.
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", $"the body must be a JSON object: {e.Message}");
        }

        if ((request is null ? "the body must be a JSON object" : PreviewCreationValidator.Problem(request)) is { } problem)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_request", problem);
        }

        if (await ingresses.CreationProblemAsync(request!.IngressHost!, http.HttpContext.RequestAborted) is { } refused)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "ingress_not_allowed", refused);
        }

        var owner = (await current.GetAsync())!;
        var preview = await registry.CreateAsync(owner, request!);
        Log.PreviewCreated(logger, owner.Email, preview.Id, preview.Workload, preview.Namespace, preview.Visibility);
        var info = Info(preview, urls, http);
        return Results.Json(info, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> MineAsync(HttpRequest http, CurrentMember current, PreviewRegistry registry, PreviewUrls urls)
    {
        var mine = await registry.MineAsync((await current.GetAsync())!);
        return Results.Json(mine.Select(p => Info(p, urls, http)));
    }

    private static async Task<IResult> DeleteAsync(string id, CurrentMember current, PreviewRegistry registry)
    {
        var member = (await current.GetAsync())!;
        // The laptop ends only its own previews; another member's is as unknown to it as another organisation's.
        var outcome = await registry.EndAsync(member, id);
        return outcome == PreviewChange.Done ? Results.NoContent() : ApiError.NotFound();
    }

    public static PreviewInfo Info(Preview preview, PreviewUrls urls, HttpRequest request) => new(
        preview.Id,
        preview.InterceptId,
        urls.Origin(preview.Id, request) + "/",
        preview.Visibility == PreviewVisibility.Public ? "public" : "private");
}
