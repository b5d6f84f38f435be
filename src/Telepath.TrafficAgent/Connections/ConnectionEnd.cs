using Microsoft.AspNetCore.Connections;
using Telepath.Core.Tunnels;

namespace Telepath.TrafficAgent.Connections;

internal static class ConnectionEnd
{
    /// <summary>
    /// The client's side of a relay. Completing Kestrel's output is the half-close; Kestrel's socket
    /// transport then closes the socket in both directions, so a client can no longer send after the
    /// far side closed first (the common order, client first, is a true half-close).
    /// </summary>
    public static RelayEnd For(ConnectionContext connection) =>
        new(new TransportStream(connection.Transport), () => connection.Transport.Output.CompleteAsync());
}
