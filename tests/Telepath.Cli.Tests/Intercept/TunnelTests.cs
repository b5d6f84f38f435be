using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Tests.Intercept;

/// <summary>The daemon process answers the manager's dials: bytes from an agent reach the local app and back.</summary>
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

        var (answer, call) = await agent.OpenTunnelAsync(id);
        using var _ = call;

        Assert.Equal(TunnelMessage.KindOneofCase.Established, answer.KindCase);
        await call.RequestStream.WriteAsync(new TunnelMessage { Data = ByteString.CopyFromUtf8("ping") });
        await call.RequestStream.WriteAsync(new TunnelMessage { CloseWrite = true });
        var received = new StringBuilder();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var message = call.ResponseStream.Current;
            received.Append(message.KindCase == TunnelMessage.KindOneofCase.Data ? message.Data.ToStringUtf8() : $"[{message}]");
            if (message.KindCase != TunnelMessage.KindOneofCase.Data)
            {
                break;
            }
        }

        Assert.Equal("echo:ping[{ \"closeWrite\": true }]", received.ToString());
        await echo;
    }

    [Fact]
    public async Task A_dial_to_nothing_listening_tells_the_agent_the_connection_was_refused()
    {
        var port = ClosedPort.Find();
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");
        var id = await InterceptAsync(port);

        var (answer, call) = await agent.OpenTunnelAsync(id);
        using var _ = call;

        Assert.Equal(TunnelMessage.KindOneofCase.Error, answer.KindCase);
        Assert.Equal(TunnelErrorCode.TargetUnreachable, answer.Error.Code);
        Assert.Equal($"connection refused by 127.0.0.1:{port}", answer.Error.Message);
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
