using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Core;
using Telepath.Daemon.Outbound.Dns;
using Telepath.Testing.Polling;

namespace Telepath.Daemon.Tests.Outbound.Dns;

public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task A_query_waiting_on_the_cluster_does_not_hold_the_queries_behind_it()
    {
        var lookup = TestCluster.NoLookups();
        lookup.Hold();
        await using var server = TestCluster.Start(lookup);

        var waiting = Dig.QueryAsync(server.EndPoint, "late.shop");
        await Poll.UntilAsync(() => Task.FromResult(lookup.Asked.Count > 0), () => "the lookup was never called");
        var next = await Dig.QueryAsync(server.EndPoint, "orders.shop");
        var stillWaiting = !waiting.IsCompleted;
        lookup.Release();

        Assert.Equal(["10.96.0.10"], next.Addresses);
        Assert.True(stillWaiting);
        Assert.Equal("NXDOMAIN", (await waiting).Status);
    }

    [Fact]
    public async Task The_daemons_cancellation_stops_it_and_frees_its_port()
    {
        using var daemon = new CancellationTokenSource();
        var options = new DnsServerOptions(new IPEndPoint(IPAddress.Loopback, 0), []);
        await using var server = DnsServer.Start(options, TestCluster.NoLookups(), NullLogger.Instance, daemon.Token);

        await daemon.CancelAsync();

        await Poll.UntilAsync(() => Task.FromResult(CanBind(server.EndPoint)), () => $"{server.EndPoint} is still bound");
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_line()
    {
        await using var first = TestCluster.Start(TestCluster.NoLookups());
        var options = new DnsServerOptions(first.EndPoint, []);

        var error = Assert.Throws<UserErrorException>(() => DnsServer.Start(options, TestCluster.NoLookups(), NullLogger.Instance, CancellationToken.None));

        Assert.Equal($"cannot start the DNS server: {first.EndPoint} is already in use; stop what uses it or disconnect the other Telepath daemon", error.Message);
    }

    private static bool CanBind(IPEndPoint endPoint)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(endPoint);
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
