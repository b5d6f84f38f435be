using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound.Dns;
using Telepath.Daemon.Outbound.Dns.Wire;

namespace Telepath.Daemon.Tests.Outbound.Dns;

/// <summary>Bytes that are not a well-formed query get FORMERR or nothing, and never stop the server.</summary>
public sealed class MalformedPacketTests
{
    private static readonly byte[] Query = ForwardingTests.RawQuery(0x1234, "orders.shop.svc.cluster.local");

    [Fact]
    public void Random_and_cut_off_bytes_never_make_the_parser_throw()
    {
        var random = new Random(6);
        var parsed = 0;
        for (var round = 0; round < 20_000; round++)
        {
            byte[] packet;
            if (round % 2 == 0)
            {
                packet = new byte[random.Next(0, 80)];
                random.NextBytes(packet);
            }
            else
            {
                // A real query with a few bytes changed reaches deeper into the parser than noise does.
                packet = [.. Query];
                for (var change = random.Next(1, 4); change > 0; change--)
                {
                    packet[random.Next(packet.Length)] = (byte)random.Next(256);
                }
            }

            parsed += DnsQueryParser.Parse(packet).Query is null ? 0 : 1;
        }

        for (var length = 0; length < Query.Length; length++)
        {
            Assert.Null(DnsQueryParser.Parse(Query.AsSpan(0, length)).Query);
        }

        Assert.InRange(parsed, 1, 19_999);
        Assert.Equal("orders.shop.svc.cluster.local", DnsQueryParser.Parse(Query).Query!.Name);
    }

    [Fact]
    public void A_compressed_name_is_read_and_a_pointer_loop_is_refused()
    {
        // A pointer to itself or forwards could loop; a pointer backwards to earlier labels is how names are compressed.
        byte[] header = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        byte[] selfPointer = [.. header, 0xC0, 12, 0, 1, 0, 1];
        byte[] forwardPointer = [.. header, 0xC0, 14, 0, 1, 0, 1];
        byte[] compressed = [.. header, 4, .. "shop"u8, 0, 6, .. "orders"u8, 0xC0, 12, 0, 1, 0, 1];

        Assert.Equal(DnsResponseCode.FormatError, DnsQueryParser.Parse(selfPointer).Refusal);
        Assert.Equal(DnsResponseCode.FormatError, DnsQueryParser.Parse(forwardPointer).Refusal);
        var offset = 18;
        Assert.True(DnsNameReader.TryRead(compressed, ref offset, out var labels));
        Assert.Equal(["orders", "shop"], labels);
        Assert.Equal(27, offset);
    }

    [Fact]
    public async Task The_server_answers_a_broken_question_with_FORMERR_and_keeps_serving()
    {
        await using var server = TestCluster.Start(TestCluster.NoLookups());
        byte[] twoQuestions = [.. Query[..5], 2, .. Query[6..]];

        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect(server.EndPoint);
        await client.SendAsync(new byte[] { 1, 2, 3 });
        await client.SendAsync(Query[..20]);
        var refusal = await ForwardingTests.ExchangeUdpAsync(server.EndPoint, twoQuestions);
        await SendOverTcpAsync(server.EndPoint, [0, 5, 1, 2, 3]);
        var reply = await Dig.QueryAsync(server.EndPoint, "orders.shop");

        Assert.Equal((0x12, 0x34, 0x80, (byte)DnsResponseCode.FormatError), (refusal[0], refusal[1], refusal[2], (byte)(refusal[3] & 0x0F)));
        Assert.Equal(["10.96.0.10"], reply.Addresses);
    }

    private static async Task SendOverTcpAsync(IPEndPoint server, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        client.Client.Shutdown(SocketShutdown.Send);
        var rest = new byte[64];
        while (await stream.ReadAsync(rest) > 0)
        {
        }
    }
}
