using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficManager.Auth;

/// <summary>
/// Refuses a gRPC call without the manager's token before anything reads its body, so no handler can
/// change state for it. (A gRPC interceptor would see the call only after gRPC had read and decoded a
/// whole message, up to its size cap: any pod that can reach the port could make the manager hold a
/// message per call.) The tunnel endpoints check the token themselves before they read a byte of their
/// bodies, answering in the tunnels' own refusal format.
/// </summary>
internal sealed class TokenGate(RequestDelegate next, ManagerToken token)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            || token.Accepts(context.Request.Headers.Authorization))
        {
            return next(context);
        }

        // A trailers-only gRPC answer, so that a gRPC client reads "Unauthenticated", not a protocol error.
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = "16";
        response.Headers["grpc-message"] = "a valid bearer token is required (the manager's token file)";
        return Task.CompletedTask;
    }
}
