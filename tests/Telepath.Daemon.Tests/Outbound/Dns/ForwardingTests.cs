using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Telepath.Daemon.Outbound.Dns;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>
/// Names that are not the cluster's go to the laptop's nameservers. The nameserver here is a second
/// <see cref="DnsServer"/> that owns the zone "upstream.test".
/// </summary>
public sealed class ForwardingTests
{
    private static readonly string[] ManyAddresses = Enumerable.Range(1, 100).Select(index => $"192.0.2.{index}").ToArray();

    private static DnsServer StartUpstream() => TestCluster.Start(
        TestCluster.NoLookups(),
        TestCluster.Info("upstream.test", ("www.upstream.test", ["192.0.2.1"]), ("big.upstream.test", ManyAddresses)));

    [Theory]
    [InlineData("www.upstream.test", "+notcp")]
    [InlineData("www.upstream.test", "+tcp")]
    public async Task A_name_that_is_not_the_clusters_is_answered_by_the_laptops_nameserver(string name, string transport)
    {
        await using var upstream = StartUpstream();
        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [upstream.EndPoint]);

        var reply = await Dig.QueryAsync(server.EndPoint, name, "A", transport);

        Assert.Equal("NOERROR", reply.Status);
        Assert.Equal(["192.0.2.1"], reply.Addresses);
    }

    [Fact]
    public async Task The_nameservers_answer_is_passed_on_as_it_is_with_the_clients_id()
    {
        await using var upstream = StartUpstream();
        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [upstream.EndPoint]);
        var query = RawQuery(0xBEEF, "www.upstream.test");

        var direct = await ExchangeUdpAsync(upstream.EndPoint, query);
        var forwarded = await ExchangeUdpAsync(server.EndPoint, query);

        Assert.Equal(0xBEEF, BinaryPrimitives.ReadUInt16BigEndian(forwarded));
        Assert.Equal(direct, forwarded);
    }

    [Fact]
    public async Task New_nameservers_of_the_laptop_answer_from_the_next_query_on()
    {
        await using var before = StartUpstream();
        await using var after = TestCluster.Start(TestCluster.NoLookups(), TestCluster.Info("upstream.test", ("www.upstream.test", ["192.0.2.99"])));
        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [before.EndPoint]);

        var first = await Dig.QueryAsync(server.EndPoint, "www.upstream.test");
        server.UpdateUpstreams([after.EndPoint]);
        var second = await Dig.QueryAsync(server.EndPoint, "www.upstream.test");

        Assert.Equal(["192.0.2.1"], first.Addresses);
        Assert.Equal(["192.0.2.99"], second.Addresses);
    }

    [Fact]
    public async Task The_nameservers_NXDOMAIN_is_passed_on()
    {
        await using var upstream = StartUpstream();
        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [upstream.EndPoint]);

        var reply = await Dig.QueryAsync(server.EndPoint, "nothing.upstream.test");

        Assert.Equal("NXDOMAIN", reply.Status);
        Assert.Equal("upstream.test.", Assert.Single(reply.Authority).Name);
    }

    [Theory]
    [InlineData("+tcp")]
    [InlineData("+notcp")]
    public async Task A_truncated_answer_is_fetched_again_over_TCP(string transport)
    {
        await using var upstream = StartUpstream();
        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [upstream.EndPoint]);

        var truncated = await Dig.QueryAsync(upstream.EndPoint, "big.upstream.test", "A", "+ignore");
        var reply = await Dig.QueryAsync(server.EndPoint, "big.upstream.test", "A", transport);

        Assert.Contains("tc", truncated.Flags);
        Assert.Equal(ManyAddresses.Order(StringComparer.Ordinal), reply.Addresses);
    }

    [Fact]
    public async Task A_short_name_that_is_no_service_of_the_namespace_is_forwarded_not_asked_of_the_cluster()
    {
        await using var upstream = TestCluster.Start(TestCluster.NoLookups(), TestCluster.Info("printer", ("printer", ["192.0.2.9"])));
        var lookup = TestCluster.NoLookups();
        await using var server = TestCluster.Start(lookup, upstreams: [upstream.EndPoint]);

        var reply = await Dig.QueryAsync(server.EndPoint, "printer");

        Assert.Equal(["192.0.2.9"], reply.Addresses);
        Assert.Empty(lookup.Asked);
    }

    [Fact]
    public async Task A_nameserver_that_does_not_answer_is_passed_over_for_the_next()
    {
        using var silent = SilentNameserver();
        await using var upstream = StartUpstream();
        await using var server = TestCluster.Start(
            TestCluster.NoLookups(), upstreams: [(IPEndPoint)silent.LocalEndPoint!, upstream.EndPoint], upstreamTimeout: TimeSpan.FromMilliseconds(500));

        var reply = await Dig.QueryAsync(server.EndPoint, "www.upstream.test");

        Assert.Equal(["192.0.2.1"], reply.Addresses);
    }

    [Fact]
    public async Task When_no_nameserver_answers_within_its_timeout_the_client_gets_SERVFAIL()
    {
        using var silent = SilentNameserver();
        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [(IPEndPoint)silent.LocalEndPoint!]);

        var reply = await Dig.QueryAsync(server.EndPoint, "www.upstream.test");

        Assert.Equal("SERVFAIL", reply.Status);
    }

    [Fact]
    public async Task A_nameserver_whose_port_is_closed_gets_SERVFAIL_too()
    {
        IPEndPoint closed;
        using (var socket = SilentNameserver())
        {
            closed = (IPEndPoint)socket.LocalEndPoint!;
        }

        await using var server = TestCluster.Start(TestCluster.NoLookups(), upstreams: [closed]);

        var reply = await Dig.QueryAsync(server.EndPoint, "www.upstream.test", "A", "+tcp");

        Assert.Equal("SERVFAIL", reply.Status);
    }

    [Fact]
    public async Task Without_a_view_of_the_cluster_even_cluster_looking_names_are_forwarded()
    {
        await using var upstream = TestCluster.Start(TestCluster.NoLookups());
        await using var server = TestCluster.Start(TestCluster.NoLookups(), new Telepath.Protocol.Manager.ClusterInfo(), [upstream.EndPoint]);

        var reply = await Dig.QueryAsync(server.EndPoint, "orders.shop.svc.cluster.local");

        Assert.Equal(["10.96.0.10"], reply.Addresses);
    }

    /// <summary>A bound UDP port that reads nothing: queries to it time out. Disposed at once, it is a closed port.</summary>
    private static Socket SilentNameserver()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    internal static byte[] RawQuery(ushort id, string name, ushort type = 1)
    {
        var packet = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            packet.Add((byte)label.Length);
            packet.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        packet.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. packet];
    }

    internal static async Task<byte[]> ExchangeUdpAsync(IPEndPoint server, byte[] query)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect(server);
        await client.SendAsync(query);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await client.ReceiveAsync(timeout.Token)).Buffer;
    }
}
