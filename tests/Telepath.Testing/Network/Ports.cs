using System.Net;
using System.Net.Sockets;

namespace Telepath.Testing.Network;

/// <summary>Loopback ports for tests that need one before a server binds it, or one where nothing listens.</summary>
public static class Ports
{
    /// <summary>A loopback port that was free a moment ago (bound to port 0, then released).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A loopback address where nothing listens, e.g. a manager that is down.</summary>
    public static string ClosedAddress() => $"127.0.0.1:{Free()}";
}
