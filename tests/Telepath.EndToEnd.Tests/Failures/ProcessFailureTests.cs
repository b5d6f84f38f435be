using System.Diagnostics;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Failures;

[Collection(FailuresCollection.Name)]
public sealed class ProcessFailureTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task When_a_laptops_daemon_is_killed_requests_reach_the_cluster_again_within_the_lease()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Eventually.EqualsAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl), Settle);

        using (var daemon = Process.GetProcessById(laptop.DaemonPid))
        {
            daemon.Kill();
        }

        // No request may hang on the dead laptop: each must be answered well within the lease.
        var slowest = TimeSpan.Zero;
        var took = await Eventually.HoldsAsync(
            async () =>
            {
                var timer = Stopwatch.StartNew();
                var who = await ServiceProbe.WhoAsync(cluster.ServiceUrl);
                slowest = timer.Elapsed > slowest ? timer.Elapsed : slowest;
                return who == "cluster";
            },
            Lease,
            () => $"requests reach the cluster again\n{cluster.Logs()}");
        Assert.True(slowest < Lease, $"a request waited {slowest.TotalSeconds:0.0} s");
        Assert.True(took < Lease, $"the cluster served again only after {took.TotalSeconds:0.0} s");
        await Eventually.HoldsAsync(
            async () => (await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token)).Count == 0,
            Lease + TimeSpan.FromSeconds(2),
            () => "the manager removes the dead laptop's intercept when its lease runs out");
    }

    [Fact]
    public async Task After_a_manager_restart_the_intercept_comes_back_by_itself()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        var header = Laptops.InterceptOutput.Header(intercept.Stdout);
        await Eventually.EqualsAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header), Settle);

        await cluster.RestartManagerAsync();

        // The agent and the daemon find the new manager by themselves; the header (its id) still works.
        await Eventually.EqualsAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header), TimeSpan.FromSeconds(15));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl));
        Assert.Equal(["orders"], await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token));
        var status = await laptop.MustRunAsync("status");
        Assert.Contains("Intercepts: 1 total", status.Stdout);
    }
}
