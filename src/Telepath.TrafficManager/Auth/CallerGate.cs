using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Telepath.TrafficManager.Auth;

/// <summary>
/// Establishes the caller of every request before anything reads its body, and refuses a gRPC call
/// that has none, so no handler can change state for it. (A gRPC interceptor would see the call only
/// after gRPC had read a whole message: any pod that can reach the port could make the manager hold
/// one per call.) Tunnels find the caller here too (<see cref="CallerFeature"/>) and refuse in their own format.
/// </summary>
internal sealed class CallerGate(RequestDelegate next, ICallerAuthentication authentication, ILogger<CallerGate> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var check = await authentication.AuthenticateAsync(context).ConfigureAwait(false);
        if (check.Caller is { } caller)
        {
            context.Features.Set(new CallerFeature(caller));
            await next(context).ConfigureAwait(false);
            return;
        }

        var refusal = check.Refusal!;
        Log.CallerRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", refusal.Message);
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            context.Features.Set(new CallerFeature(null, refusal));
            await next(context).ConfigureAwait(false);
            return;
        }

        // A trailers-only gRPC answer, so that a gRPC client reads the status, not a protocol error.
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)refusal.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(refusal.Message);
    }
}

/// <summary>The request's caller, or why it has none.</summary>
internal sealed record CallerFeature(Caller? Caller, CallerRefusal? Refusal = null)
{
    public static Caller Of(ServerCallContext context) =>
        context.GetHttpContext().Features.Get<CallerFeature>()?.Caller
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "the caller was not established"));
}
