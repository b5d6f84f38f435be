using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Intercepts;

/// <summary>
/// ACTIVE means every agent of the workload routes by the intercept, so nothing needs to settle after
/// `telepath intercept` returns: the first request to each pod already reaches the laptop.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class ActiveInterceptTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Intercept_returns_only_once_a_slow_second_agent_applied_it_and_the_first_request_to_each_reaches_the_laptop()
    {
        await using var link = HoldableLink.Start(cluster.ManagerEndPoint);
        await using var slow = await ExtraAgent.StartAsync(cluster, "orders-slow", link.EndPoint);
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        // The slow agent's link to the manager lags: it has not heard of the intercept while the other agent applies it.
        link.Hold();
        var intercepting = laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(slow.ServiceUrl));
        Assert.False(intercepting.IsCompleted, "intercept returned while an agent of the workload still sent its traffic to the app");

        link.Release();
        var intercept = await intercepting;
        var first = await Task.WhenAll(ServiceProbe.WhoAsync(cluster.ServiceUrl), ServiceProbe.WhoAsync(slow.ServiceUrl));

        Assert.Contains("    State         : ACTIVE\n", intercept.Stdout);
        Assert.Equal(["laptop", "laptop"], first);
    }

    [Fact]
    public async Task With_two_agents_the_first_matching_request_to_each_right_after_a_personal_intercept_returns_reaches_the_laptop()
    {
        await using var second = await ExtraAgent.StartAsync(cluster, "orders-second");
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        var first = await Task.WhenAll(
            ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")),
            ServiceProbe.WhoAsync(second.ServiceUrl, ("x-dev", "alice")),
            ServiceProbe.WhoAsync(cluster.ServiceUrl),
            ServiceProbe.WhoAsync(second.ServiceUrl));

        Assert.Contains("    State         : ACTIVE\n", intercept.Stdout);
        Assert.Equal(["laptop", "laptop", "cluster", "cluster"], first);
    }
}
