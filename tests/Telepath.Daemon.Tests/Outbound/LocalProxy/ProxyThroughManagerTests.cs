using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;
using Telepath.Daemon.Sessions;
using Telepath.Testing.Managers;

namespace Telepath.Daemon.Tests.Outbound.LocalProxy;

public sealed class ProxyThroughManagerTests
{
    [Fact]
    public async Task A_SOCKS5_client_reaches_a_server_the_manager_dials_and_half_closes_cross_both_ways()
    {
        await using var manager = await LoopbackManager.StartAsync();
        await using var connection = await ManagerConnection.OpenAsync(
            new ConnectionOptions(manager.Address, LoopbackManager.Token, "default", "tester@laptop"), NullLogger.Instance, CancellationToken.None);
        await using var proxy = LocalProxyServer.Bind(0, NullLogger.Instance);
        proxy.Start(connection.Outbound);
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var echo = EchoAfterEndOfStreamAsync(server);
        var port = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(port, (ushort)((IPEndPoint)server.LocalEndpoint).Port);

        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPEndPoint.Parse(proxy.Address));
        byte[] request = [0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x01, 127, 0, 0, 1, .. port, .. "ping"u8];
        await client.SendAsync(request, SocketFlags.None);
        // The server answers only after end-of-stream: the FIN must cross the proxy, the tunnel and the manager.
        client.Shutdown(SocketShutdown.Send);
        var received = await ProxyClient.ReadToEndAsync(client);

        Assert.Equal(new byte[] { 0x05, 0x00, 0x05, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0 }, received[..12]);
        Assert.Equal("echo ping", Encoding.ASCII.GetString(received[12..]));
        await echo;
    }

    private static async Task EchoAfterEndOfStreamAsync(TcpListener server)
    {
        using var socket = await server.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var received = await ProxyClient.ReadToEndAsync(socket);
        await socket.SendAsync(Encoding.ASCII.GetBytes("echo " + Encoding.ASCII.GetString(received)), SocketFlags.None);
        socket.Shutdown(SocketShutdown.Send);
    }
}
