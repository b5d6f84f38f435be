using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Sessions;
using Telepath.Daemon.Tests.Outbound.RootHelper;
using Telepath.Testing.Managers;

namespace Telepath.Daemon.Tests.Outbound.Transparent;

public sealed class TransparentProxyTests
{
    private const string Answer = "hello from the cluster";

    [RootFact]
    public async Task Curl_to_a_cluster_address_is_redirected_and_reaches_the_server_the_manager_dials()
    {
        await using var manager = await LoopbackManager.StartAsync();
        await using var connection = await ManagerConnection.OpenAsync(
            new ConnectionOptions(manager.Address, LoopbackManager.Token, "default", "tester@laptop"), NullLogger.Instance, CancellationToken.None);
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var serving = AnswerOneRequestAsync(server);
        var tunnels = new RedirectingTunnels(connection.Outbound, (IPEndPoint)server.LocalEndpoint);
        await using var laptop = await RedirectedNamespace.StartAsync(tunnels);

        var curl = await laptop.Network.TryExecAsync("curl", "-sS", "--max-time", "20", "http://10.96.0.10/");

        Assert.True(curl.ExitCode == 0, curl.ToString());
        Assert.Equal(Answer, curl.Stdout);
        Assert.Equal([new ProxyDestination("10.96.0.10", 80)], tunnels.Asked);
        await serving;
    }

    [RootFact]
    public async Task A_destination_the_manager_cannot_reach_resets_the_connection_at_once()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "connection refused by 10.96.0.11:5432");
        await using var laptop = await RedirectedNamespace.StartAsync(tunnels);

        // Without the reset curl would wait for its whole --max-time (exit 28); a reset is 7 (it can arrive while curl still checks the
        // connect), 52 or 56.
        var curl = await laptop.Network.TryExecAsync("curl", "-sS", "--max-time", "60", "http://10.96.0.11:5432/");

        Assert.True(curl.ExitCode is 7 or 52 or 56, curl.ToString());
        Assert.Matches("reset|refused|Empty reply|Couldn.t connect", curl.Stderr);
        Assert.Equal([new ProxyDestination("10.96.0.11", 5432)], tunnels.Asked);
    }

    [RootFact]
    public async Task A_connection_dialled_to_the_proxy_port_itself_is_reset_and_opens_nothing()
    {
        var tunnels = new RefusingTunnels(OutboundFailure.ConnectionRefused, "why");
        await using var laptop = await RedirectedNamespace.StartAsync(tunnels);

        // Any local user can dial a loopback port; only what the rules redirected may go on to the cluster.
        var curl = await laptop.Network.TryExecAsync("curl", "-sS", "--max-time", "60", $"http://127.0.0.1:{laptop.ProxyPort}/");

        Assert.True(curl.ExitCode is 7 or 52 or 56, curl.ToString());
        Assert.Empty(tunnels.Asked);
    }

    private static async Task AnswerOneRequestAsync(TcpListener server)
    {
        using var socket = await server.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        while (await reader.ReadLineAsync() is { Length: > 0 })
        {
            // The request head ends with an empty line.
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {Answer.Length}\r\nConnection: close\r\n\r\n{Answer}"));
        socket.Shutdown(SocketShutdown.Send);
    }
}
