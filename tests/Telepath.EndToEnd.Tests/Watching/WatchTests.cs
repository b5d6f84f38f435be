using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Http;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Watching;

/// <summary>`telepath watch`: the live request log of an intercepted workload (docs/protocol.md, "Request log").</summary>
[Collection(RoutingCollection.Name)]
public sealed class WatchTests(ClusterFixture cluster)
{
    [ToolFact("curl")]
    public async Task The_log_shows_where_each_request_went_and_why_without_header_values()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var result = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        var header = InterceptOutput.Header(result.Stdout);
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header));
        await using var watch = laptop.Start("watch", "--output", "json");

        // The agent records once the manager's word that someone watches has reached it: ask until it has.
        var matched = await Poll.UntilAsync(
            async () =>
            {
                await Tool.MustAsync(Tool.CurlAsync("-H", $"{header.Name}: {header.Value}", $"{cluster.ServiceUrl}/whoami?token=t1"));
                return Events(watch).FirstOrDefault(e => e.Path == "/whoami");
            },
            e => e is not null);
        var wrong = await Poll.UntilAsync(
            async () =>
            {
                await Tool.MustAsync(Tool.CurlAsync("-H", "x-telepath-intercept-id: secret-value-123", $"{cluster.ServiceUrl}/whoami/x"));
                return Events(watch).FirstOrDefault(e => e.Path == "/whoami/x");
            },
            e => e is not null);

        Assert.Equal(("orders", "orders", 200), (matched!.Workload, matched.InterceptName, matched.Status));
        Assert.NotEqual("", matched.Client);
        Assert.Equal(("", "", "header x-telepath-intercept-id did not match", 200), (wrong!.InterceptName, wrong.Client, wrong.Reason, wrong.Status));
        Assert.DoesNotContain("secret-value-123", watch.Output);
        Assert.DoesNotContain("token=t1", watch.Output);

        Assert.Equal(0, await InterruptAsync(watch));
    }

    [Fact]
    public async Task A_connection_that_is_not_HTTP_is_one_tcp_event()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        await using var watch = laptop.Start("watch", "--output", "json");

        var tcp = await Poll.UntilAsync(
            async () =>
            {
                Assert.Equal([0, 1, 2, 250], await RawTcp.ExchangeAsync(cluster.Service, [0, 1, 2, 250]));
                return Events(watch).FirstOrDefault(e => e.Protocol == "tcp");
            },
            e => e is not null);

        Assert.Equal(("orders", "", "", "not HTTP, and no global intercept"), (tcp!.Workload, tcp.InterceptName, tcp.Client, tcp.Reason));
        Assert.Equal((4L, 4L), (tcp.BytesIn, tcp.BytesOut));
    }

    [Fact]
    public async Task A_global_intercepts_connection_counts_the_bytes_each_way()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        await using var watch = laptop.Start("watch", "--output", "json");
        // Small enough for the echo to wait in socket buffers while the client is still sending.
        var sent = RandomNumberGenerator.GetBytes(20_000);

        // Every exchange is the same, so whichever is the first one recorded tells the sizes.
        var tcp = await Poll.UntilAsync(
            async () =>
            {
                Assert.Equal(sent, await RawTcp.ExchangeAsync(cluster.Service, sent));
                return Events(watch).FirstOrDefault(e => e.Protocol == "tcp");
            },
            e => e is not null);

        Assert.Equal(("orders", "orders"), (tcp!.Workload, tcp.InterceptName));
        Assert.Equal((sent.LongLength, sent.LongLength), (tcp.BytesIn, tcp.BytesOut));
    }

    [Fact]
    public async Task A_chunked_HTTP1_upload_and_its_chunked_answer_count_their_bytes_on_the_wire()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await using var watch = laptop.Start("watch", "--all", "--output", "json");
        await WatchingAsync(watch);
        var data = new StringBuilder();
        var chunked = new StringBuilder();
        foreach (var size in new[] { 10, 5000, 70_000, 3 })
        {
            var piece = new string('z', size);
            data.Append(piece);
            chunked.Append(size.ToString("x", CultureInfo.InvariantCulture)).Append("\r\n").Append(piece).Append("\r\n");
        }

        var request = Encoding.ASCII.GetBytes(
            $"POST /upload HTTP/1.1\r\nHost: orders\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunked}0\r\n\r\n");

        var received = await RawTcp.ExchangeAsync(cluster.Service, request);
        var upload = await Poll.UntilAsync(() => Task.FromResult(Events(watch).FirstOrDefault(e => e.Path == "/upload")), e => e is not null);

        var response = RawResponse.ParseAll(received).Single();
        Assert.Equal(Uploaded(Encoding.ASCII.GetBytes(data.ToString())), response.Body);
        Assert.Equal("chunked", response.Headers["transfer-encoding"]);
        Assert.Equal(("http/1.1", 200), (upload!.Protocol, upload.Status));
        Assert.Equal((request.LongLength, received.LongLength), (upload.BytesIn, upload.BytesOut));
    }

    [Fact]
    public async Task An_h2c_upload_of_no_declared_length_counts_its_body_and_the_answers()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await using var watch = laptop.Start("watch", "--all", "--output", "json");
        await WatchingAsync(watch);
        var body = RandomNumberGenerator.GetBytes(200_000);
        using var client = ServiceProbe.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{cluster.ServiceUrl}/upload")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamedContent(body),
        };

        using var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        var upload = await Poll.UntilAsync(() => Task.FromResult(Events(watch).FirstOrDefault(e => e.Path == "/upload")), e => e is not null);

        Assert.Equal(Uploaded(body), Encoding.ASCII.GetString(answer));
        Assert.Equal(("h2", 200), (upload!.Protocol, upload.Status));
        Assert.Equal((body.LongLength, answer.LongLength), (upload.BytesIn, upload.BytesOut));
    }

    /// <summary>What the sample app's /upload answers.</summary>
    private static string Uploaded(byte[] body) => $"{body.Length} {Convert.ToHexStringLower(SHA256.HashData(body))}";

    /// <summary>The agent records once the manager's word that someone watches has reached it: ask until a request shows.</summary>
    private async Task WatchingAsync(ChildProcess watch) =>
        await Poll.UntilAsync(
            async () =>
            {
                await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/whoami/watching"));
                return Events(watch).Any(e => e.Path == "/whoami/watching");
            },
            seen => seen);

    internal static List<Seen> Events(ChildProcess watch) =>
        [.. watch.Output.Split('\n').Where(line => line.StartsWith('{')).Select(Parse)];

    internal static Seen Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        // Protobuf's JSON writes 64-bit numbers as strings, and leaves out zeros.
        long Long(string name) => root.TryGetProperty(name, out var value) ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : 0;
        return new Seen(
            Text("workload"), Text("protocol"), Text("path"), Text("interceptName"), Text("client"), Text("reason"),
            root.TryGetProperty("status", out var status) ? status.GetInt32() : 0, Long("bytesIn"), Long("bytesOut"), Text("notice"));
    }

    /// <summary>What Ctrl+C does: SIGINT, then the exit code.</summary>
    internal static async Task<int> InterruptAsync(ChildProcess watch)
    {
        using (var interrupt = Process.Start("kill", ["-INT", watch.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        return await watch.WaitForExitAsync(Poll.Limit);
    }

    /// <summary>One JSON line: a request event, or (Notice set) the watch's own word about itself.</summary>
    internal sealed record Seen(string Workload, string Protocol, string Path, string InterceptName, string Client, string Reason, int Status, long BytesIn, long BytesOut, string Notice);
}
