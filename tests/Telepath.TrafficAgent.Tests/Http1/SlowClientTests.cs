using System.Net.Sockets;
using System.Text;
using Telepath.TrafficAgent.Hosting;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Http1;

/// <summary>Clients that send a request head slowly, or never finish it, cost the workload nothing.</summary>
public sealed class SlowClientTests : IAsyncLifetime
{
    private const int Slowloris = 500;

    private readonly WatchedClock _clock = new();
    private readonly List<Socket> _sockets = [];
    private TestApp _app = null!;
    private TestAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _agent = await TestAgent.StartAsync(_app.EndPoint, time: _clock);
    }

    public async Task DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        await _agent.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_app_is_served_while_500_clients_hold_half_sent_heads_and_those_are_closed_after_the_head_timeout()
    {
        var slow = new List<Socket>();
        for (var i = 0; i < Slowloris; i++)
        {
            slow.Add(await ConnectAsync($"GET /slow/{i} HTTP/1.1\r\nHost: orders\r\nX-Slow: "));
        }

        await _clock.WaitUntilArmedAsync(AgentLimits.HeadTimeout, Slowloris);

        using var client = new HttpClient { BaseAddress = _agent.BaseAddress };
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"app: GET /normal/{i}", await client.GetStringAsync($"/normal/{i}"));
        }

        _clock.Advance(AgentLimits.HeadTimeout);

        foreach (var socket in slow)
        {
            Assert.Equal(0, await ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task A_kept_alive_connection_has_the_head_timeout_once_its_next_head_has_begun()
    {
        var socket = await ConnectAsync("GET /first HTTP/1.1\r\nHost: orders\r\n\r\n");
        Assert.True(await ReceiveAsync(socket) > 0);
        await _clock.WaitUntilArmedAsync(AgentLimits.KeepAliveTimeout, 1);

        await socket.SendAsync("GET /second HTTP/1.1\r\nHo"u8.ToArray());
        await _clock.WaitUntilArmedAsync(AgentLimits.HeadTimeout, 1);
        _clock.Advance(AgentLimits.HeadTimeout);

        Assert.Equal(0, await ReceiveAsync(socket));
    }

    private async Task<Socket> ConnectAsync(string send)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        await socket.ConnectAsync(_agent.EndPoint);
        await socket.SendAsync(Encoding.ASCII.GetBytes(send));
        return socket;
    }

    /// <returns>How many bytes came, 0 for the end of the connection (a reset counts as an end).</returns>
    private static async Task<int> ReceiveAsync(Socket socket)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            return await socket.ReceiveAsync(new byte[4096], SocketFlags.None, guard.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }
}
