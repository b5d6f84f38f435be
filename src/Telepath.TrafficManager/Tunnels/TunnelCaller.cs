using Microsoft.AspNetCore.Http;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Sessions;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>Who opened a tunnel request: checked before a byte of its body is read.</summary>
internal static class TunnelCaller
{
    /// <returns>The caller's session of the expected kind, or why the request is refused.</returns>
    /// <param name="wrongKind">Why a session of another kind is refused, when the default does not say it.</param>
    public static (Session? Session, TunnelRefusal? Refusal) Identify(HttpContext context, SessionRegistry sessions, SessionKind kind, string? wrongKind = null)
    {
        if (context.Features.Get<CallerFeature>() is not { Caller: { } caller })
        {
            return (null, TunnelRefusal.Unauthenticated(context.Features.Get<CallerFeature>()?.Refusal?.Message));
        }

        if (!sessions.TryGet(Header(context, TunnelWire.SessionHeader), out var session))
        {
            return (null, TunnelRefusal.UnknownSession());
        }

        if (session.Kind != kind)
        {
            return (null, TunnelRefusal.NotPermitted(wrongKind ?? (kind == SessionKind.Agent ? "only agents open intercepted connections" : "only clients open this kind of tunnel")));
        }

        if (!session.Admits(caller))
        {
            return (null, TunnelRefusal.NotPermitted("the session belongs to another caller"));
        }

        return (session, null);
    }

    public static string Header(HttpContext context, string name) => context.Request.Headers[name].ToString();
}
