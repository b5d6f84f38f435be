using System.Net;
using System.Net.Sockets;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

internal static class TestPorts
{
    /// <summary>A loopback port that was free a moment ago (the sniffing front is set up before Kestrel binds).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An address where nothing listens: a manager that is down.</summary>
    public static string Closed() => $"127.0.0.1:{Free()}";
}
