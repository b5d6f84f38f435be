using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Intercepts;

[Collection(RoutingCollection.Name)]
public sealed class TwoLaptopsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Two_laptops_with_different_headers_each_get_only_their_own_requests()
    {
        await using var alice = await cluster.ConnectedLaptopAsync("alice");
        await using var bob = await cluster.ConnectedLaptopAsync("bob");

        await alice.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        await bob.MustRunAsync("intercept", "orders", "--name", "orders-bob", "--port", $"{cluster.Laptop2Port}", "--http-header", "x-dev=bob");

        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));
        await Poll.UntilEqualAsync("laptop2", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "bob")));
        var served = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 3) switch
        {
            0 => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")),
            1 => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "bob")),
            _ => ServiceProbe.WhoAsync(cluster.ServiceUrl),
        }));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (i % 3) switch { 0 => "laptop", 1 => "laptop2", _ => "cluster" }), served);

        var status = await alice.MustRunAsync("status");
        Assert.Contains("Intercepts: 2 total", status.Stdout);
        Assert.Contains("orders-bob", status.Stdout);
    }
}
