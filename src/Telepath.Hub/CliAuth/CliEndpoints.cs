using System.Security.Claims;
using Telepath.Hub.Accounts;
using Telepath.Hub.Hosting;
using Telepath.Hub.Security;

namespace Telepath.Hub.CliAuth;

/// <summary>The CLI's credential API: the RFC 8628 device flow, who am I, and logout.</summary>
public static class CliEndpoints
{
    public const string DeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";

    public static IEndpointRouteBuilder MapCliEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cli = endpoints.MapGroup("/api/cli");
        cli.MapPost("/device", StartDeviceFlowAsync).AllowAnonymous();
        cli.MapPost("/token", ExchangeDeviceCodeAsync).AllowAnonymous();
        var signedIn = cli.MapGroup("").RequireAuthorization(HubAuthentication.ApiPolicy).AddEndpointFilter<CookieAntiforgeryFilter>();
        signedIn.MapGet("/me", MeAsync);
        signedIn.MapPost("/revoke", RevokeCallingTokenAsync);
        return endpoints;
    }

    private static async Task<IResult> StartDeviceFlowAsync(HttpRequest request, DeviceAuthorizations devices, PublicBaseUrl publicUrl)
    {
        var parameters = await RequestParameters.ReadAsync(request);
        var clientName = parameters.GetValueOrDefault("client_name") is { Length: > 0 and <= 200 } name ? name : "telepath CLI";
        var requestedOrganisation = parameters.GetValueOrDefault("org") is { Length: > 0 and <= 200 } org ? org.Trim() : null;
        var (authorization, deviceCode) = await devices.StartAsync(clientName, requestedOrganisation);
        var verification = $"{publicUrl.Get(request)}/device";
        var userCode = UserCode.Display(authorization.UserCode);
        return Results.Json(new DeviceAuthorizationResponse(
            deviceCode,
            userCode,
            verification,
            $"{verification}?user_code={userCode}",
            (int)(authorization.ExpiresAt - authorization.CreatedAt).TotalSeconds,
            authorization.IntervalSeconds));
    }

    private static async Task<IResult> ExchangeDeviceCodeAsync(HttpRequest request, DeviceAuthorizations devices)
    {
        var parameters = await RequestParameters.ReadAsync(request);
        if (parameters.GetValueOrDefault("grant_type") != DeviceCodeGrantType)
        {
            return Error("unsupported_grant_type");
        }

        if (parameters.GetValueOrDefault("device_code") is not { Length: > 0 } deviceCode)
        {
            return Error("invalid_request");
        }

        var outcome = await devices.ExchangeAsync(deviceCode);
        return outcome.AccessToken is { } accessToken
            ? Results.Json(new AccessTokenResponse(accessToken, "Bearer"))
            : Error(outcome.Error!);
    }

    private static async Task<IResult> MeAsync(ClaimsPrincipal user, CurrentMember current)
    {
        if (await current.GetAsync() is not { } member)
        {
            return Results.Json(new ApiError("not_a_member"), statusCode: StatusCodes.Status403Forbidden);
        }

        return Results.Json(new MeResponse(
            member.Email,
            member.OrganisationName,
            member.OrganisationId,
            member.Role.ToString(),
            user.FindFirstValue(HubClaims.TokenKind)));
    }

    private static async Task<IResult> RevokeCallingTokenAsync(ClaimsPrincipal user, ApiTokens tokens, ILogger<ApiTokens> logger)
    {
        if (!Guid.TryParse(user.FindFirstValue(HubClaims.TokenId), out var tokenId))
        {
            return Error("no_token_to_revoke");
        }

        await tokens.RevokeAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, tokenId);
        Log.TokenRevoked(logger, tokenId.ToString());
        return Results.NoContent();
    }

    private static IResult Error(string code) => Results.Json(new ApiError(code), statusCode: StatusCodes.Status400BadRequest);
}
