using System.Net.WebSockets;
using System.Text;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Protocols;

[Collection(RoutingCollection.Name)]
public sealed class WebSocketTests(ClusterFixture cluster)
{
    private const string PythonEcho = """
        import asyncio, sys, websockets
        async def main():
            async with websockets.connect(sys.argv[1], open_timeout=20) as ws:
                for text in ("one", "two"):
                    await ws.send(text)
                    print(await asyncio.wait_for(ws.recv(), 20))
        asyncio.run(main())
        """;

    [Fact]
    public async Task A_WebSocket_echoes_from_the_laptop_through_a_global_intercept()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://{cluster.Service}/ws"), timeout.Token);
        var replies = new List<string>();
        foreach (var text in new[] { "one", "two" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            replies.Add(await ReceiveAsync(socket, timeout.Token));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(["laptop: one", "laptop: two"], replies);
    }

    [ToolFact("python3:websockets")]
    public async Task Pythons_websockets_echoes_from_the_laptop_through_a_global_intercept()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));

        var run = await Tool.MustAsync(Tool.PythonAsync(PythonEcho, $"ws://{cluster.Service}/ws"));

        Assert.Equal("laptop: one\nlaptop: two\n", run.Stdout);
    }

    [Fact]
    public async Task A_WebSocket_without_an_intercept_echoes_from_the_cluster()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://{cluster.Service}/ws"), timeout.Token);
        await socket.SendAsync("one"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);

        Assert.Equal("cluster: one", await ReceiveAsync(socket, timeout.Token));
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var message = new MemoryStream();
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
