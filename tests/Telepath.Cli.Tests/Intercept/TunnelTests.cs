using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Streams;

namespace Telepath.Cli.Tests.Intercept;

/// <summary>The daemon process keeps standby tunnels at the manager: bytes from an agent reach the local app and back.</summary>
public sealed class TunnelTests : ConnectedCliTest
{
    [Fact]
    public async Task An_agents_tunnel_reaches_the_local_app_and_back()
    {
        using var app = new TcpListener(IPAddress.Loopback, 0);
        app.Start();
        var port = ((IPEndPoint)app.LocalEndpoint).Port;
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");
        var id = await InterceptAsync(port);
        var echo = EchoOnceAsync(app);

        var (answer, tunnel) = await agent.OpenTunnelAsync(id);
        await using var _ = tunnel;

        Assert.True(answer.Established, answer.Message);
        await tunnel.WriteAsync("ping"u8.ToArray());
        await tunnel.ShutdownWriteAsync();
        using var received = new MemoryStream();
        await tunnel.CopyToAsync(received);

        // The local app answered only after it read end-of-stream, and its own half-close came back as ours.
        Assert.Equal("echo:ping", Encoding.UTF8.GetString(received.ToArray()));
        await echo;
    }

    [Fact]
    public async Task A_dial_to_nothing_listening_tells_the_agent_the_connection_was_refused()
    {
        var port = ClosedPort.Find();
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");
        var id = await InterceptAsync(port);

        var (answer, tunnel) = await agent.OpenTunnelAsync(id);
        await using var _ = tunnel;

        // The manager joined the tunnel at once; the laptop's reply says its dial failed.
        Assert.True(answer.Established, answer.Message);
        var refused = await Assert.ThrowsAsync<TunnelException>(async () => await tunnel.CopyToAsync(Stream.Null));
        Assert.Equal(TunnelErrorCode.TargetUnreachable, refused.Code);
        Assert.Equal($"connection refused by 127.0.0.1:{port}", refused.Message);
    }

    private async Task<string> InterceptAsync(int port)
    {
        var intercept = await Cli.RunAsync("intercept", "orders", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "json");
        Assert.True(intercept.ExitCode == 0, intercept.ToString());
        return JsonNode.Parse(intercept.StdOut)!["id"]!.GetValue<string>();
    }

    private static async Task EchoOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        var reply = Encoding.UTF8.GetBytes("echo:" + text);
        await stream.WriteAsync(reply);
        client.Client.Shutdown(SocketShutdown.Send);
    }
}
