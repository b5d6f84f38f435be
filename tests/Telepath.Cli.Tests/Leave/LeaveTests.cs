using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Leave;

public sealed class LeaveTests : ConnectedCliTest
{
    [Fact]
    public async Task Leave_ends_the_intercept_and_the_workload_is_ready_again()
    {
        await using var agent = await FakeAgent.ArriveAsync(Manager, "orders");
        await Cli.RunAsync("intercept", "orders", "--port", "8080");

        var leave = await Cli.RunAsync("leave", "orders");

        Assert.Equal(0, leave.ExitCode);
        Assert.Equal("", leave.StdErr);
        Assert.Equal(Lines.Of("orders : ready to intercept (traffic-agent already installed)"), (await Cli.RunAsync("list")).StdOut);
        Assert.Contains("  Intercepts: 0 total", (await Cli.RunAsync("status")).StdOut);
    }

    [Fact]
    public async Task Leave_of_an_unknown_intercept_says_where_to_look()
    {
        var leave = await Cli.RunAsync("leave", "nope");

        Assert.Equal(Lines.Of("telepath: no intercept named \"nope\" on this laptop; \"telepath list\" shows intercepts"), leave.StdErr);
        Assert.Equal(1, leave.ExitCode);
    }
}
