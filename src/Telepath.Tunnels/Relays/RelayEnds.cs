using System.Net.Sockets;
using Telepath.Tunnels.Streams;

namespace Telepath.Tunnels.Relays;

public static class RelayEnds
{
    /// <summary>A connected socket; its half-close is a TCP FIN.</summary>
    public static RelayEnd ForSocket(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: false);
        return new RelayEnd(stream, () =>
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already gone: the other direction's read will notice.
            }

            return ValueTask.CompletedTask;
        });
    }

    public static RelayEnd ForTunnel(TunnelStream tunnel) => new(tunnel, () => tunnel.ShutdownWriteAsync());
}
