using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Watching;

/// <summary>
/// `telepath watch` across a manager restart (docs/protocol.md, "Request log"). In the failures
/// collection: restarting the manager is not for the cluster the routing tests share.
/// </summary>
[Collection(FailuresCollection.Name)]
public sealed class WatchAcrossRestartTests(ClusterFixture cluster)
{
    private const string Unreachable = "the traffic manager is unreachable; watch resumes when it is back";
    private const string Restarted = "watching again (the traffic manager restarted; requests in between are not shown)";
    private const string WaitingForOrders = "waiting for intercept \"orders\" to be back at the traffic manager (its agent has not arrived again yet)";

    [ToolFact("curl")]
    public async Task A_watch_goes_on_across_a_manager_restart_and_says_so_once()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var result = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        var header = InterceptOutput.Header(result.Stdout);
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header));
        await using var watch = laptop.Start("watch", "--output", "json");
        await SeeAsync(watch, header, "/before-restart");

        await cluster.RestartManagerAsync();
        await SeeAsync(watch, header, "/after-restart");

        var told = WatchTests.Events(watch).Select(e => e.Notice.Length > 0 ? e.Notice : e.Path).Distinct();
        Assert.Equal(["/before-restart", Unreachable, Restarted, "/after-restart"], told);
        Assert.Equal(0, await WatchTests.InterruptAsync(watch));
    }

    /// <summary>The intercept comes back after the session does (its agent arrives again later): the watch waits for it.</summary>
    [ToolFact("curl")]
    public async Task A_watch_of_one_intercept_waits_for_it_across_a_manager_restart()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var result = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        var header = InterceptOutput.Header(result.Stdout);
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header));
        await using var watch = laptop.Start("watch", "orders", "--output", "json");
        await SeeAsync(watch, header, "/before-restart");

        // The agent is held back, so the laptop is back at the new manager well before its intercept.
        await UnixSignal.StopAsync(cluster.Agent.Id);
        try
        {
            await cluster.RestartManagerAsync();
            await Poll.UntilAsync(
                () => WatchTests.Events(watch).Any(e => e.Notice == WaitingForOrders) || watch.HasExited,
                () => $"the watch waits for the intercept; it printed:\n{watch.Output}");
            Assert.False(watch.HasExited, $"the watch ended\n{watch.Output}");
        }
        finally
        {
            await UnixSignal.ContinueAsync(cluster.Agent.Id);
        }

        await SeeAsync(watch, header, "/after-restart");
        Assert.Equal(0, await WatchTests.InterruptAsync(watch));
    }

    /// <summary>Sends requests until the watch shows one: the agent records once the (new) manager's word that someone watches has reached it.</summary>
    private async Task SeeAsync(ChildProcess watch, (string Name, string Value) header, string path) =>
        await Poll.UntilAsync(
            async () =>
            {
                await Tool.MustAsync(Tool.CurlAsync("-H", $"{header.Name}: {header.Value}", $"{cluster.ServiceUrl}{path}"));
                return WatchTests.Events(watch).Any(e => e.Path == path);
            },
            () => $"the watch shows {path}; it printed:\n{watch.Output}\n{cluster.Logs()}");
}
