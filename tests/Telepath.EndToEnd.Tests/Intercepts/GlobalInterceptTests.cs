using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Intercepts;

[Collection(RoutingCollection.Name)]
public sealed class GlobalInterceptTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Intercept_prints_the_intercept_as_the_design_shows_it()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        var result = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");

        Assert.Equal(InterceptOutput.Global("orders", "orders", cluster.LaptopPort).TrimEnd(), result.Stdout.TrimEnd());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task A_global_intercept_sends_the_workloads_traffic_to_the_laptop_until_leave()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        Assert.Equal("hello from cluster", (await ServiceProbe.GetAsync(cluster.ServiceUrl + "/")).Body);

        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");

        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        Assert.Equal("hello from laptop", (await ServiceProbe.GetAsync(cluster.ServiceUrl + "/")).Body);
        var curl = await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/"));
        Assert.Equal("hello from laptop\n", curl.Stdout);

        await laptop.MustRunAsync("leave", "orders");

        await Poll.UntilEqualAsync("cluster", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
        curl = await Tool.MustAsync(Tool.CurlAsync($"{cluster.ServiceUrl}/"));
        Assert.Equal("hello from cluster\n", curl.Stdout);
    }

    [Fact]
    public async Task Bytes_that_are_not_HTTP_reach_the_laptop_under_a_global_intercept()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));

        // The sample service echoes anything that is not HTTP; through the tunnel it must come back whole.
        var echoed = await RawTcp.ExchangeAsync(cluster.Service, "\x01\x02 not http at all\r\n\r\n"u8.ToArray());

        Assert.Equal("\x01\x02 not http at all\r\n\r\n", System.Text.Encoding.ASCII.GetString(echoed));
    }
}
