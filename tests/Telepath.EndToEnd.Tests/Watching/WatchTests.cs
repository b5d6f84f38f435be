using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
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
    }

    internal static List<Seen> Events(ChildProcess watch) =>
        [.. watch.Output.Split('\n').Where(line => line.StartsWith('{')).Select(Parse)];

    internal static Seen Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        return new Seen(Text("workload"), Text("protocol"), Text("path"), Text("interceptName"), Text("client"), Text("reason"), root.TryGetProperty("status", out var status) ? status.GetInt32() : 0, Text("notice"));
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
    internal sealed record Seen(string Workload, string Protocol, string Path, string InterceptName, string Client, string Reason, int Status, string Notice);
}
