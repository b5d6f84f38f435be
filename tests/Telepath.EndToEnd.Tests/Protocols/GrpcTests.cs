using System.Text.RegularExpressions;
using Grpc.Core;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Samples.Grpc;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Protocols;

[Collection(RoutingCollection.Name)]
public sealed partial class GrpcTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_unary_gRPC_call_with_the_header_in_its_metadata_reaches_the_laptop()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        using var echo = new GrpcEcho(cluster.ServiceUrl);

        await Poll.UntilEqualAsync("laptop", () => echo.SayAsync(("x-dev", "alice")));

        Assert.Equal("cluster", await echo.SayAsync());
        Assert.Equal("laptop", await echo.SayAsync(("x-dev", "alice")));
        Assert.Equal("cluster", await echo.SayAsync(("x-dev", "bob")));
    }

    [Fact]
    public async Task A_server_streaming_gRPC_call_streams_every_reply_from_the_laptop()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        using var echo = new GrpcEcho(cluster.ServiceUrl);
        await Poll.UntilEqualAsync("laptop", () => echo.SayAsync(("x-dev", "alice")));

        var fromLaptop = await CountAsync(echo, ("x-dev", "alice"));
        var fromCluster = await CountAsync(echo);

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{i} laptop"), fromLaptop);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{i} cluster"), fromCluster);
    }

    [ToolFact("python3:grpc")]
    public async Task Pythons_grpcio_reaches_the_laptop_with_the_header_and_the_cluster_without()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        using var echo = new GrpcEcho(cluster.ServiceUrl);
        await Poll.UntilEqualAsync("laptop", () => echo.SayAsync(("x-dev", "alice")));

        var withHeader = await Tool.MustAsync(PythonGrpcEcho.SayAsync(cluster.Service.ToString(), "x-dev=alice"));
        var without = await Tool.MustAsync(PythonGrpcEcho.SayAsync(cluster.Service.ToString()));

        Assert.Equal("hi laptop\n", withHeader.Stdout);
        Assert.Equal("hi cluster\n", without.Stdout);
    }

    [ToolFact("curl")]
    public async Task Curl_with_HTTP2_prior_knowledge_is_routed_by_its_header()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));

        var withHeader = await Tool.MustAsync(Tool.CurlAsync("--http2-prior-knowledge", "-H", "x-dev: alice", "-w", " %{http_version}", $"{cluster.ServiceUrl}/whoami"));
        var without = await Tool.MustAsync(Tool.CurlAsync("--http2-prior-knowledge", "-w", " %{http_version}", $"{cluster.ServiceUrl}/whoami"));

        Assert.Equal("laptop 2", withHeader.Stdout);
        Assert.Equal("cluster 2", without.Stdout);
    }

    [ToolFact("h2load")]
    public async Task H2load_gets_every_request_answered_through_a_global_intercept()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));

        var run = await Tool.MustAsync(ProcessRunner.RunAsync("h2load", ["-n", "200", "-c", "4", "-m", "10", $"{cluster.ServiceUrl}/whoami"]));

        var match = H2loadRequests().Match(run.Stdout);
        Assert.True(match.Success, run.ToString());
        Assert.Equal("200", match.Groups["succeeded"].Value);
        Assert.Equal("0", match.Groups["failed"].Value);
    }

    private static async Task<List<string>> CountAsync(GrpcEcho echo, params (string Name, string Value)[] headers)
    {
        using var call = echo.Client.Count(new CountRequest { Count = 5, IntervalMs = 20 }, GrpcEcho.Headers(headers), DateTime.UtcNow.AddSeconds(20));
        var replies = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            replies.Add($"{reply.Text} {reply.ServedBy}");
        }

        return replies;
    }

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed")]
    private static partial Regex H2loadRequests();
}
