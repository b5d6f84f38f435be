using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.DataPlane;

/// <summary>
/// Issue 11, point 7: a laptop that stops answering (lid closed; here SIGSTOP of its daemon, so its
/// sockets stay open and nothing answers on them) must not hold up its workload's callers until its
/// 15 s lease runs out, and gets its intercept back when it wakes.
/// </summary>
[Collection(DataPlaneCollection.Name)]
public sealed class FrozenLaptopTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_frozen_laptops_workload_is_served_by_the_app_before_its_lease_ends_and_the_laptop_gets_it_back_when_it_wakes()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        var daemon = laptop.DaemonPid;

        await UnixSignal.StopAsync(daemon);
        try
        {
            await Poll.UntilEqualAsync("cluster", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
            var next = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                next.Add(await ServiceProbe.WhoAsync(cluster.ServiceUrl));
            }

            // The manager still holds the intercept: the app served without waiting for the lease to end.
            var held = await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token);
            Assert.True(UnixSignal.IsStopped(daemon), "the daemon woke up by itself");
            Assert.Equal(["cluster", "cluster", "cluster", "cluster", "cluster"], next);
            Assert.Equal(["orders"], held);
        }
        finally
        {
            await UnixSignal.ContinueAsync(daemon);
        }

        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        var status = await laptop.MustRunAsync("status");
        Assert.Contains("Intercepts: 1 total", status.Stdout);
    }
}
