using System.Net;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Network;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Failures;

[Collection(RoutingCollection.Name)]
public sealed class LocalAppFailureTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_request_gets_502_naming_the_intercept_and_address_when_nothing_listens_on_the_laptop()
    {
        var port = Ports.Free();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{port}", "--http-header", "x-dev=alice");

        await Poll.UntilAsync(
            async () => (await ServiceProbe.GetAsync($"{cluster.ServiceUrl}/whoami", ("x-dev", "alice"))).Status == HttpStatusCode.BadGateway,
            () => "a 502 for the intercepted request");
        var (status, body) = await ServiceProbe.GetAsync($"{cluster.ServiceUrl}/whoami", ("x-dev", "alice"));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("intercept \"orders\"", body);
        Assert.Contains($"127.0.0.1:{port}", body);
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl));
    }

    [Fact]
    public async Task Leave_lets_a_request_in_flight_finish_on_the_laptop()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));

        var slow = ServiceProbe.GetAsync($"{cluster.ServiceUrl}/slow?ms=2000");
        await Poll.UntilAsync(() => Task.FromResult(cluster.LaptopInFlight.Count > 0), () => "the slow request reaches the laptop");
        var leave = await laptop.MustRunAsync("leave", "orders");

        var (status, body) = await slow;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("laptop", body);
        Assert.Equal(0, leave.ExitCode);
        await Poll.UntilEqualAsync("cluster", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
    }
}
