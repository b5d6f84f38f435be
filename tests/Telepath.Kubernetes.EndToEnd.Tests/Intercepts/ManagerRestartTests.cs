using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Intercepts;

public sealed class ManagerRestartTests
{
    [Fact]
    public async Task An_intercept_comes_back_by_itself_when_the_manager_pod_is_replaced()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "8080");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        var manager = (await cluster.Client.CoreV1.ListNamespacedPodAsync("telepath")).Items.Single();

        await cluster.Client.CoreV1.DeleteNamespacedPodAsync(manager.Metadata.Name, "telepath");

        await Poll.UntilAsync(
            async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync("telepath")).Items.Any(p => p.Metadata.Name != manager.Metadata.Name),
            () => "a new manager pod");
        await Poll.UntilEqualAsync("laptop", () => ClusterProbe.WhoAnswersAsync(cluster.Client, "orders"));
        var status = await laptop.MustRunAsync("status");
        Assert.Contains("  Intercepts: 1 total\n", status.Stdout);
        Assert.DoesNotContain("Problem", status.Stdout);
    }
}
