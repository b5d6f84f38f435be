using System.Net;
using System.Net.Sockets;
using Telepath.Daemon.Tunnels;

namespace Telepath.Daemon.Tests.Tunnels;

public sealed class LocalTargetTests
{
    [Fact]
    public async Task A_closed_port_is_reported_as_refused_by_the_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (socket, error) = await LocalTarget.ConnectAsync("127.0.0.1", port, CancellationToken.None);

        Assert.Null(socket);
        Assert.Equal($"connection refused by 127.0.0.1:{port}", error);
    }

    [Fact]
    public async Task A_listening_port_gives_a_connected_socket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var (socket, error) = await LocalTarget.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, CancellationToken.None);

        using var _ = socket;
        Assert.Null(error);
        Assert.True(socket!.Connected);
    }
}
