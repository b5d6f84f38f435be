using System.Net.Sockets;

namespace Telepath.Daemon.Hosting;

/// <summary>Whether a daemon answers on a unix socket path; a file nobody listens on is stale.</summary>
public static class SocketProbe
{
    public static async Task<bool> IsListeningAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
