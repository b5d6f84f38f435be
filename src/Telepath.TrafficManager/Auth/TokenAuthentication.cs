using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficManager.Auth;

/// <summary>Direct mode: whoever presents the manager's token is let in, as a laptop or an agent.</summary>
internal sealed class TokenAuthentication(ManagerToken token) : ICallerAuthentication
{
    private static readonly CallerRefusal Refusal = new(StatusCode.Unauthenticated, "a valid bearer token is required (the manager's token file)");

    public ValueTask<CallerCheck> AuthenticateAsync(HttpContext context) =>
        ValueTask.FromResult(token.Accepts(context.Request.Headers.Authorization)
            ? CallerCheck.Admit(Caller.TokenHolder)
            : CallerCheck.Refuse(Refusal));
}
