using Microsoft.AspNetCore.Http;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>A tunnel request the manager will not carry: a status, the code in a header, one line of text (docs/protocol.md).</summary>
internal readonly record struct TunnelRefusal(int Status, TunnelErrorCode Code, string Message)
{
    public static TunnelRefusal Unauthenticated(string? why) =>
        new(StatusCodes.Status401Unauthorized, TunnelErrorCode.NotPermitted, why ?? "the caller could not be established");

    // The header names the session by its secret: never echoed.
    public static TunnelRefusal UnknownSession() =>
        new(StatusCodes.Status404NotFound, TunnelErrorCode.UnknownSession, "the session is not known to this manager; arrive again");

    public static TunnelRefusal NotPermitted(string message) => new(StatusCodes.Status403Forbidden, TunnelErrorCode.NotPermitted, message);

    public static TunnelRefusal NoSuchIntercept(string interceptId) =>
        new(StatusCodes.Status404NotFound, TunnelErrorCode.NoSuchIntercept, $"intercept {interceptId} does not exist");

    public static TunnelRefusal ClientUnreachable(string message) => new(StatusCodes.Status503ServiceUnavailable, TunnelErrorCode.ClientUnreachable, message);

    public static TunnelRefusal VolumesUnavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, TunnelErrorCode.VolumesUnavailable, message);

    // A path no volume can be mounted at (relative, "..", "/"): refused before any agent is asked.
    public static TunnelRefusal NoSuchVolume(string path) =>
        new(StatusCodes.Status400BadRequest, TunnelErrorCode.NoSuchVolume, $"no volume can be mounted at \"{path}\": it must be an absolute path without \".\" or \"..\"");

    public static TunnelRefusal BadRequest(string message) => new(StatusCodes.Status400BadRequest, TunnelErrorCode.Unspecified, message);

    public Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        if (Code != TunnelErrorCode.Unspecified)
        {
            context.Response.Headers[TunnelWire.ErrorHeader] = TunnelWire.ErrorName(Code);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Message, context.RequestAborted);
    }
}
