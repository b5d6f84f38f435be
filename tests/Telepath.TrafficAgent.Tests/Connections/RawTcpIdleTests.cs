using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Telepath.TrafficAgent.Hosting;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Connections;

/// <summary>A plain TCP relay lives as long as bytes move, and is closed once none has for the idle timeout.</summary>
public sealed class RawTcpIdleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_relay_that_carries_nothing_for_the_idle_timeout_is_closed_both_ways_and_each_byte_restarts_the_clock()
    {
        var clock = new FakeTimeProvider();
        using var app = new TcpListener(IPAddress.Loopback, 0);
        app.Start();
        await using var agent = await TestAgent.StartAsync((IPEndPoint)app.LocalEndpoint, time: clock);
        using var client = new TcpClient();
        await client.ConnectAsync(agent.EndPoint);
        var toApp = client.GetStream();
        await toApp.WriteAsync("\u0001binary"u8.ToArray());
        using var accepted = await app.AcceptTcpClientAsync();
        var atApp = accepted.GetStream();
        await ReadAsync(atApp, 7);

        clock.Advance(AgentLimits.RawTcpIdleTimeout - Minute);
        await toApp.WriteAsync("x"u8.ToArray());
        await ReadAsync(atApp, 1);
        clock.Advance(Minute);
        await atApp.WriteAsync("y"u8.ToArray());
        await ReadAsync(toApp, 1);

        clock.Advance(AgentLimits.RawTcpIdleTimeout);

        Assert.Equal(0, await ReadAsync(toApp, 1));
        Assert.Equal(0, await ReadAsync(atApp, 1));
    }

    /// <returns>The bytes read: <paramref name="count"/>, or 0 when the connection ended (or was reset) first.</returns>
    private static async Task<int> ReadAsync(NetworkStream stream, int count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await stream.ReadExactlyAsync(new byte[count], guard.Token);
            return count;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return 0;
        }
    }
}
