using System.Text;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Intercepts;

/// <summary>
/// Mirror intercepts (docs/protocol.md, "Mirror intercepts"): the app answers every request, unchanged,
/// and the laptop gets a copy whose answer is dropped.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class MirrorInterceptTests(ClusterFixture cluster)
{
    [ToolFact("curl")]
    public async Task Callers_get_the_apps_answers_byte_for_byte_and_the_laptop_gets_copies_cut_at_the_limit()
    {
        await using var target = new MirrorTarget();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var result = await laptop.MustRunAsync("intercept", "orders", "--port", $"{target.Port}", "--mirror", "--mirror-body-limit", "1024");
        Assert.Contains("    Mirrored      : HTTP/1.1, HTTP/2 and unary gRPC, bodies up to 1 KiB", result.Stdout);
        await MirroringAsync(target);

        var body = Path.Combine(Path.GetTempPath(), $"telepath-mirror-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(body, [.. Enumerable.Range(0, 3000).Select(i => (byte)i)]);
        try
        {
            var direct = await Tool.MustAsync(Tool.CurlAsync("-i", "--data-binary", $"@{body}", $"http://{cluster.ClusterApp}/upload?big"));
            var viaAgent = await Tool.MustAsync(Tool.CurlAsync("-i", "--data-binary", $"@{body}", $"{cluster.ServiceUrl}/upload?big"));
            var small = await Tool.MustAsync(Tool.CurlAsync("--data-binary", "hello", "-H", "content-type: text/plain", $"{cluster.ServiceUrl}/upload?small"));

            Assert.Equal(WithoutDate(direct.Stdout), WithoutDate(viaAgent.Stdout));
            Assert.Contains("3000 ", viaAgent.Stdout);
            Assert.StartsWith("5 ", small.Stdout);
            using var bound = new CancellationTokenSource(Poll.Limit);
            var (bigHead, bigBody) = await target.NextAsync("/upload?big", bound.Token);
            Assert.StartsWith("POST /upload?big HTTP/1.1\r\n", bigHead);
            Assert.Contains("x-telepath-mirror-truncated: 1\r\n", bigHead, StringComparison.OrdinalIgnoreCase);
            Assert.Equal([.. Enumerable.Range(0, 1024).Select(i => (byte)i)], bigBody);
            var (smallHead, smallBody) = await target.NextAsync("/upload?small", bound.Token);
            Assert.DoesNotContain("x-telepath-mirror-truncated", smallHead, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("content-type: text/plain\r\n", smallHead, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("hello", Encoding.ASCII.GetString(smallBody));
        }
        finally
        {
            File.Delete(body);
        }
    }

    [ToolFact("curl")]
    public async Task A_laptop_that_never_answers_or_goes_away_changes_nothing_for_callers()
    {
        var silent = new MirrorTarget(silent: true);
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{silent.Port}", "--mirror");
        await MirroringAsync(silent);

        // More requests than a mirror's queue holds: the copies wait on the silent laptop or are dropped.
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("hello from cluster\n", (await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/?silent={i}"))).Stdout);
        }

        // Nothing listens at the mirror's target any more.
        await silent.DisposeAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("hello from cluster\n", (await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/?gone={i}"))).Stdout);
        }

        // And the laptop itself goes away.
        await laptop.DisposeAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("hello from cluster\n", (await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/?quit={i}"))).Stdout);
        }
    }

    [ToolFact("curl")]
    public async Task A_mirror_beside_a_personal_intercept_gets_copies_of_the_requests_either_one_serves()
    {
        await using var target = new MirrorTarget();
        await using var alice = await cluster.ConnectedLaptopAsync("alice");
        await using var bob = await cluster.ConnectedLaptopAsync("bob");
        await alice.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        await bob.MustRunAsync("intercept", "orders", "--port", $"{target.Port}", "--mirror", "--name", "orders-copy");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));
        await MirroringAsync(target);

        var personal = await Tool.MustAsync(Tool.CurlAsync("-H", "x-dev: alice", $"{cluster.ServiceUrl}/whoami/personal"));
        var app = await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/whoami/app"));

        Assert.Equal("laptop", personal.Stdout);
        Assert.Equal("cluster", app.Stdout);
        using var bound = new CancellationTokenSource(Poll.Limit);
        var (personalHead, _) = await target.NextAsync("/whoami/personal", bound.Token);
        Assert.Contains("x-dev: alice\r\n", personalHead, StringComparison.OrdinalIgnoreCase);
        await target.NextAsync("/whoami/app", bound.Token);
        Assert.Contains("orders-copy (mirror)", (await bob.MustRunAsync("status")).Stdout);
    }

    [ToolFact("curl")]
    public async Task Watch_shows_a_copy_with_the_laptops_status_beside_the_apps()
    {
        await using var target = new MirrorTarget();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{target.Port}", "--mirror", "--name", "orders-copy");
        await MirroringAsync(target);
        await using var watch = laptop.Start("watch");

        // The agent records once the manager's word that someone watches has reached it: ask until it has.
        await Poll.UntilAsync(
            async () =>
            {
                await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/whoami/watched"));
                return watch.Output.Contains("GET /whoami/watched => mirror ", StringComparison.Ordinal);
            },
            () => watch.Output);

        var line = watch.Output.Split('\n').First(l => l.Contains("GET /whoami/watched => mirror ", StringComparison.Ordinal));
        Assert.Contains("(intercept orders-copy) app 200 laptop 500 ", line);
    }

    [ToolFact("python3:grpc")]
    public async Task A_unary_grpc_call_is_answered_by_the_app_and_copied_to_the_laptops_grpc_server()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--mirror", "--name", "orders-copy");
        await using var watch = laptop.Start("watch");

        // The laptop's app answers gRPC too: its 200 beside the app's shows the copy reached it over HTTP/2.
        await Poll.UntilAsync(
            async () =>
            {
                Assert.Equal("hi cluster\n", (await Tool.MustAsync(PythonGrpcEcho.SayAsync(cluster.Service.ToString()))).Stdout);
                return watch.Output.Split('\n').Any(l => l.Contains(" => mirror ", StringComparison.Ordinal) && l.Contains("app 200 laptop 200 ", StringComparison.Ordinal) && l.Contains("POST /", StringComparison.Ordinal));
            },
            () => watch.Output);
    }

    /// <summary>The agent mirrors once the manager's word about the mirror has reached it: ask until a copy arrives.</summary>
    private async Task MirroringAsync(MirrorTarget target)
    {
        var marker = $"/?ready={Guid.NewGuid():N}";
        await Poll.UntilAsync(
            async () =>
            {
                Assert.Equal("hello from cluster\n", (await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}{marker}"))).Stdout);
                return target.Saw(marker);
            },
            () => "no copy yet");
    }

    private static string WithoutDate(string response) =>
        string.Join("\n", response.Split('\n').Where(line => !line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase)));
}
