using System.Net.Sockets;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Outbound;

/// <summary>How dialing a destination went: a connected socket, or the error the laptop is told.</summary>
public sealed record OutboundDial(Socket? Socket, string RemoteAddress, TunnelErrorCode? Error, string Message)
{
    public static OutboundDial Connected(Socket socket, string remoteAddress) => new(socket, remoteAddress, null, "");

    public static OutboundDial Failed(TunnelErrorCode code, string message) => new(null, "", code, message);
}
