using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Http;
using Telepath.Testing.Tunnels;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Watching;

/// <summary>
/// Each event's bytes_in and bytes_out are the bytes that went each way, streamed bodies included
/// (docs/protocol.md, "Request log"): HTTP/1.1 as on the wire, heads and framing included; HTTP/2 the
/// bodies; TCP everything relayed.
/// </summary>
public sealed class ByteCountTests : IAsyncLifetime
{
    private AgentWithManager _world = null!;

    public async Task InitializeAsync() => _world = await AgentWithManager.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_HTTP1_chunked_upload_and_its_chunked_answer_count_every_byte_on_the_wire()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        using var watch = await WatchAllAsync(laptop);
        var body = new StringBuilder();
        foreach (var size in new[] { 1, 4000, 70_000, 17 })
        {
            body.Append(size.ToString("x", CultureInfo.InvariantCulture)).Append("\r\n").Append('x', size).Append("\r\n");
        }

        var request = Encoding.ASCII.GetBytes(
            "POST /echo HTTP/1.1\r\nHost: orders\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body + "0\r\n\r\n");

        var received = await ExchangeAsync(request);
        var e = (await ReadAsync(watch, 1)).Single();

        var response = RawResponse.ParseAll(received).Single();
        Assert.Equal(("chunked", "chunked", 74_018), (response.Headers["x-request-transfer-encoding"], response.Headers["transfer-encoding"], response.Body.Length));
        Assert.Equal(("http/1.1", "/echo", 200), (e.Protocol, e.Path, e.Status));
        Assert.Equal((request.LongLength, received.LongLength), (e.BytesIn, e.BytesOut));
    }

    [Fact]
    public async Task An_HTTP1_answer_that_ends_with_the_connection_counts_every_byte_on_the_wire()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        using var watch = await WatchAllAsync(laptop);
        // An HTTP/1.0 client cannot take chunks: the app's echo, of no declared length, ends when it closes.
        var request = Encoding.ASCII.GetBytes("POST /echo HTTP/1.0\r\nHost: orders\r\nContent-Length: 11\r\n\r\nhello world");

        var received = await ExchangeAsync(request);
        var e = (await ReadAsync(watch, 1)).Single();

        var response = RawResponse.ParseAll(received).Single();
        Assert.Equal("hello world", response.Body);
        Assert.False(response.Headers.ContainsKey("content-length") || response.Headers.ContainsKey("transfer-encoding"), "the answer declared its length");
        Assert.Equal((request.LongLength, received.LongLength), (e.BytesIn, e.BytesOut));
    }

    [Fact]
    public async Task An_h2c_request_and_answer_without_declared_lengths_count_their_bodies()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        using var watch = await WatchAllAsync(laptop);
        var body = new byte[100_000];
        Random.Shared.NextBytes(body);
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/digest")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamedContent(body),
        };

        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        var e = (await ReadAsync(watch, 1)).Single();

        Assert.Equal(TestApp.Digest(body), Encoding.ASCII.GetString(answer));
        Assert.Equal("", response.Headers.GetValues("x-request-content-length").Single());
        // Not ContentLength: HttpClient makes one up from the buffered answer.
        Assert.False(response.Content.Headers.NonValidated.Contains("Content-Length"), "the answer declared its length");
        Assert.Equal(("h2", "/digest"), (e.Protocol, e.Path));
        Assert.Equal((body.LongLength, answer.LongLength), (e.BytesIn, e.BytesOut));
    }

    [Fact]
    public async Task A_TCP_connection_to_the_app_counts_what_went_each_way()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        using var watch = await WatchAllAsync(laptop);
        var sent = Bytes(50_000);

        var received = await ExchangeAsync(sent);
        var e = (await ReadAsync(watch, 1)).Single();

        Assert.Equal(TestApp.BytesAnswer("app", sent.Length), received);
        Assert.Equal(("tcp", "not HTTP, and no global intercept"), (e.Protocol, e.Reason));
        Assert.Equal((sent.LongLength, received.LongLength), (e.BytesIn, e.BytesOut));
    }

    [Fact]
    public async Task A_TCP_connection_in_a_global_intercept_counts_what_went_each_way()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        using var laptopTcp = new TcpListener(IPAddress.Loopback, 0);
        laptopTcp.Start();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders", (IPEndPoint)laptopTcp.LocalEndpoint));
        using var watch = laptop.Manager.WatchRequests(new WatchRequestsRequest { SessionSecret = laptop.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        await _world.WaitForRoutesAsync(routes => routes.Watched);
        var served = AnswerWithCountAsync(laptopTcp);
        var sent = Bytes(30_000);

        var received = await ExchangeAsync(sent);
        await served;
        var e = (await ReadAsync(watch, 1)).Single();

        Assert.Equal(TestApp.BytesAnswer("laptop", sent.Length), received);
        Assert.Equal(("tcp", "orders"), (e.Protocol, e.InterceptName));
        Assert.Equal((sent.LongLength, received.LongLength), (e.BytesIn, e.BytesOut));
    }

    /// <summary>Bytes that no sniffer takes for HTTP (a TLS record's first byte), of the given length.</summary>
    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0x16;
        return bytes;
    }

    /// <summary>A laptop with no intercept watches everything; returns once the agent knows it is watched.</summary>
    private async Task<AsyncServerStreamingCall<RequestEventBatch>> WatchAllAsync(FakeLaptop laptop)
    {
        var watch = laptop.Manager.WatchRequests(new WatchRequestsRequest { SessionSecret = laptop.SessionSecret, All = true });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        await _world.WaitForRoutesAsync(routes => routes.Watched);
        return watch;
    }

    /// <summary>Sends the bytes on a connection of its own, half-closes, and reads until the agent closes.</summary>
    private async Task<byte[]> ExchangeAsync(byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_world.Agent.EndPoint);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        client.Client.Shutdown(SocketShutdown.Send);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        return received.ToArray();
    }

    private static async Task AnswerWithCountAsync(TcpListener listener)
    {
        using var accepted = await listener.AcceptTcpClientAsync();
        var stream = accepted.GetStream();
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        await stream.WriteAsync(TestApp.BytesAnswer("laptop", received.Length));
        accepted.Client.Shutdown(SocketShutdown.Send);
    }

    private static async Task<List<RequestEvent>> ReadAsync(AsyncServerStreamingCall<RequestEventBatch> watch, int count)
    {
        var events = new List<RequestEvent>();
        while (events.Count < count)
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the watch ended");
            events.AddRange(watch.ResponseStream.Current.Events);
        }

        return events;
    }
}
