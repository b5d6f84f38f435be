using System.Net;
using System.Net.Sockets;

namespace Telepath.Cli.Tests.Harness;

public static class ClosedPort
{
    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
