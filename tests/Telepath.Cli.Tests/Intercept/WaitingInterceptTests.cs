using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Intercept;

/// <summary>An intercept that an agent of the workload has not applied yet is shown WAITING, with what it waits for.</summary>
public sealed class WaitingInterceptTests : ConnectedCliTest
{
    private const string Reason = "waiting for 1 of 1 traffic agent of orders to apply it (pod orders-0)";

    [Fact]
    public async Task An_intercept_its_agent_has_not_applied_prints_WAITING_and_the_reason_and_still_succeeds()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders", applyIntercepts: false);

        var intercept = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--timeout", "1s");

        Assert.Equal(
            Lines.Of(
                "Using Deployment orders",
                "intercepted",
                "    Intercept name: orders",
                "    State         : WAITING",
                $"    Reason        : {Reason}",
                "    Workload kind : Deployment",
                "    Destination   : 127.0.0.1:8080",
                "    Intercepting  : all TCP connections"),
            intercept.StdOut);
        Assert.Equal("", intercept.StdErr);
        Assert.Equal(0, intercept.ExitCode);
        Assert.EndsWith(Lines.Of("  Intercepts: 1 total", $"    orders: {ClientName}, WAITING: {Reason}"), (await Cli.RunAsync("status")).StdOut);
        Assert.Equal(Lines.Of($"orders : intercepted; orders is WAITING: {Reason}"), (await Cli.RunAsync("list")).StdOut);
    }

    [Fact]
    public async Task The_reason_is_in_the_json_of_intercept_status_and_list()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders", applyIntercepts: false);

        var intercept = await Cli.RunAsync("intercept", "orders", "--port", "8080", "--timeout", "1s", "--output", "json");
        var status = await Cli.RunAsync("status", "--output", "json");
        var list = await Cli.RunAsync("list", "--output", "json");

        Assert.Equal(0, intercept.ExitCode);
        foreach (var json in new[] { intercept.StdOut, status.StdOut, list.StdOut })
        {
            Assert.Contains("\"state\": \"INTERCEPT_STATE_WAITING\"", json);
            Assert.Contains($"\"stateReason\": \"{Reason}\"", json);
        }
    }
}
