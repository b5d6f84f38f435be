using System.Text.RegularExpressions;
using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Intercept;

public sealed partial class InterceptTests : ConnectedCliTest
{
    [Fact]
    public async Task A_global_intercept_prints_the_design_block_and_shows_in_status_and_list()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");

        var intercept = await Cli.RunAsync("intercept", "orders", "--port", "8080");

        Assert.Equal(
            Lines.Of(
                "Using Deployment orders",
                "intercepted",
                "    Intercept name: orders",
                "    State         : ACTIVE",
                "    Workload kind : Deployment",
                "    Destination   : 127.0.0.1:8080",
                "    Intercepting  : all TCP connections"),
            intercept.StdOut);
        Assert.Equal(0, intercept.ExitCode);
        Assert.EndsWith(Lines.Of("  Intercepts: 1 total", $"    orders: {ClientName}"), (await Cli.RunAsync("status")).StdOut);
        Assert.Equal(Lines.Of("orders : intercepted"), (await Cli.RunAsync("list")).StdOut);
    }

    [Fact]
    public async Task A_personal_intercept_prints_each_condition()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");

        var intercept = await Cli.RunAsync(
            "intercept", "orders", "--port", "8080", "--http-header=auto", "--http-header", "x-user=alice.*",
            "--http-path-prefix", "/api", "--http-path-equal", "/x", "--http-path-regex", "/v[0-9]+/.*", "--name", "orders-alice");

        Assert.Equal(0, intercept.ExitCode);
        var lines = intercept.StdOut.Split('\n');
        Assert.Equal("    Intercept name: orders-alice", lines[2]);
        Assert.Equal("    Intercepting  : HTTP requests that match all of:", lines[6]);
        Assert.Matches(AutoHeaderLine(), lines[7]);
        Assert.Equal("      header(\"x-user\") ~= regexp(\"alice.*\")", lines[8]);
        Assert.Equal("      path prefix \"/api\"", lines[9]);
        Assert.Equal("      path equal \"/x\"", lines[10]);
        Assert.Equal("      path ~= regexp(\"/v[0-9]+/.*\")", lines[11]);
    }

    [Fact]
    public async Task A_mirror_beside_a_global_intercept_says_what_it_copies_and_shows_as_a_mirror_in_status_and_list()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");

        var global = await Cli.RunAsync("intercept", "orders", "--port", "8080");
        var mirror = await Cli.RunAsync("intercept", "orders", "--port", "9090", "--mirror", "--mirror-body-limit", "1024", "--name", "copy");

        Assert.Equal(0, global.ExitCode);
        Assert.Equal(0, mirror.ExitCode);
        Assert.Equal(
            Lines.Of(
                "Using Deployment orders",
                "mirrored",
                "    Intercept name: copy",
                "    State         : ACTIVE",
                "    Workload kind : Deployment",
                "    Destination   : 127.0.0.1:9090",
                "    Mirroring     : a copy of every HTTP request (the app still answers it)",
                "    Mirrored      : HTTP/1.1, HTTP/2 and unary gRPC, bodies up to 1 KiB (longer ones cut and marked); WebSocket, streaming gRPC and non-HTTP TCP are not mirrored"),
            mirror.StdOut);
        Assert.EndsWith(Lines.Of("  Intercepts: 2 total", $"    copy (mirror): {ClientName}", $"    orders: {ClientName}"), (await Cli.RunAsync("status")).StdOut);
        Assert.Equal(Lines.Of($"orders : intercepted; mirrored (copy by {ClientName})"), (await Cli.RunAsync("list")).StdOut);
    }

    [Fact]
    public async Task Intercept_as_json_prints_the_intercept_info()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");

        var intercept = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--output", "json");

        Assert.Equal(0, intercept.ExitCode);
        Assert.Contains("\"workload\": \"orders\"", intercept.StdOut);
        Assert.Contains("\"state\": \"INTERCEPT_STATE_ACTIVE\"", intercept.StdOut);
    }

    [Fact]
    public async Task The_managers_refusal_passes_through_and_leaves_nothing_behind()
    {
        var intercept = await Cli.RunAsync("intercept", "payments", "--port", "8080");

        Assert.Equal(Lines.Of("telepath: workload \"payments\" is not known to the traffic manager: no traffic agent serves it (see \"telepath list\")"), intercept.StdErr);
        Assert.Equal(1, intercept.ExitCode);
        Assert.Contains("  Intercepts: 0 total", (await Cli.RunAsync("status")).StdOut);
        Assert.Equal(Lines.Of("telepath: no intercept named \"payments\" on this laptop; \"telepath list\" shows intercepts"), (await Cli.RunAsync("leave", "payments")).StdErr);
    }

    [Fact]
    public async Task A_name_in_use_is_refused_with_the_managers_words()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");
        await Cli.RunAsync("intercept", "orders", "--port", "8080", "--http-header", "x-a=1");

        var again = await Cli.RunAsync("intercept", "orders", "--port", "8081", "--http-header", "x-a=2");

        Assert.Equal(Lines.Of($"telepath: an intercept named \"orders\" already exists (held by {ClientName}); choose another with --name"), again.StdErr);
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task List_shows_every_workload_with_an_agent_padded_to_one_width()
    {
        await using var orders = await FakeAgent.ArriveAsync(Manager, "orders");
        await using var payments = await FakeAgent.ArriveAsync(Manager, "payments-api");
        await using var ordersTwo = await FakeAgent.ArriveAsync(Manager, "orders");

        var list = await Cli.RunAsync("list");

        Assert.Equal(
            Lines.Of(
                "orders       : ready to intercept (traffic-agent already installed)",
                "payments-api : ready to intercept (traffic-agent already installed)"),
            list.StdOut);
    }

    [Fact]
    public async Task List_without_agents_says_there_are_no_workloads()
    {
        var list = await Cli.RunAsync("list");

        Assert.Equal(Lines.Of("No Workloads (Deployments, StatefulSets, ReplicaSets)"), list.StdOut);
        Assert.Equal(0, list.ExitCode);
    }

    [GeneratedRegex("""^      header\("x-telepath-intercept-id"\) ~= regexp\("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:orders-alice"\)$""")]
    private static partial Regex AutoHeaderLine();
}
