using System.Diagnostics;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Failures;

[Collection(FailuresCollection.Name)]
public sealed class ProcessFailureTests(ClusterFixture cluster)
{
    [Fact]
    public async Task When_a_laptops_daemon_is_killed_requests_reach_the_cluster_again_before_its_lease_ends()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));

        using (var daemon = Process.GetProcessById(laptop.DaemonPid))
        {
            daemon.Kill();
        }

        // No request may wait for the lease: the agent fails open while the manager still holds the dead
        // laptop's intercept, so every answer up to the first from the cluster comes before the lease ends.
        var answers = new List<string>();
        await Poll.UntilAsync(
            async () =>
            {
                var who = await ServiceProbe.WhoAsync(cluster.ServiceUrl);
                var held = await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token);
                answers.Add($"{who} (intercepts held: [{string.Join(", ", held)}])");
                return who == "cluster";
            },
            () => $"{string.Join("; ", answers)}\n{cluster.Logs()}");
        Assert.All(answers, answer => Assert.EndsWith("(intercepts held: [orders])", answer));
        await Poll.UntilAsync(
            async () => (await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token)).Count == 0,
            () => "the manager removes the dead laptop's intercept when its lease runs out");
    }

    [Fact]
    public async Task After_a_manager_restart_the_intercept_comes_back_by_itself()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        var header = Laptops.InterceptOutput.Header(intercept.Stdout);
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header));

        await cluster.RestartManagerAsync();

        // The agent and the daemon find the new manager by themselves; the header (its id) still works.
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl));
        Assert.Equal(["orders"], await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token));
        var status = await laptop.MustRunAsync("status");
        Assert.Contains("Intercepts: 1 total", status.Stdout);
    }
}
