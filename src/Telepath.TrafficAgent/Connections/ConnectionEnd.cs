using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficAgent.Connections;

internal static class ConnectionEnd
{
    /// <summary>
    /// The client's side of a relay. Completing Kestrel's output would close its socket both ways, so a
    /// client could no longer send once the far side ended first; where the socket is at hand, the relay
    /// writes to it directly (Kestrel's output is idle: sniffing only read) and a half-close is a real
    /// shutdown of sending. Kestrel closes the socket when the connection ends.
    /// </summary>
    public static RelayEnd For(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            var output = new NetworkStream(socket, ownsSocket: false);
            return new(new TransportStream(connection.Transport.Input, output), () =>
            {
                socket.Shutdown(SocketShutdown.Send);
                return ValueTask.CompletedTask;
            });
        }

        return new(
            new TransportStream(connection.Transport.Input, connection.Transport.Output.AsStream(leaveOpen: true)),
            () => connection.Transport.Output.CompleteAsync());
    }
}
