using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Intercepts;

public sealed class GlobalInterceptTests
{
    [Theory]
    [InlineData("8080")]
    [InlineData("http")]
    public async Task Intercept_injects_the_agent_and_sends_the_Services_traffic_to_the_laptop_until_leave(string targetPort)
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", targetPort);
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");

        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        // ACTIVE means every agent of the workload routes by it: the first request after intercept returns reaches the laptop.
        var during = await ClusterProbe.WhoAnswersAsync(cluster.Client, "orders");
        await laptop.MustRunAsync("leave", "orders");

        Assert.Contains("injecting the traffic agent into deployment \"orders\"", intercept.Stderr);
        Assert.StartsWith("Using Deployment orders\nintercepted\n", intercept.Stdout);
        Assert.Contains("    State         : ACTIVE\n", intercept.Stdout);
        Assert.Equal("laptop", during);
        await Poll.UntilEqualAsync("cluster", () => ClusterProbe.WhoAnswersAsync(cluster.Client, "orders"));
    }
}
