using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Uninstall;

public sealed class UninstallTests
{
    [Fact]
    public async Task Uninstall_everything_puts_workload_and_Service_back_as_they_were_and_can_run_again()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "8080");
        var template = await StoredObjects.TemplateAsync(cluster.Client, "orders");
        var ports = await StoredObjects.ServicePortsAsync(cluster.Client, "orders");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        var injectedPorts = await StoredObjects.ServicePortsAsync(cluster.Client, "orders");
        await laptop.MustRunAsync("quit");

        var uninstall = await laptop.MustRunAsync("uninstall", "--everything");
        var again = await laptop.RunAsync("uninstall", "--everything");

        Assert.NotEqual(ports, injectedPorts);
        Assert.Equal(template, await StoredObjects.TemplateAsync(cluster.Client, "orders"));
        Assert.Equal(ports, await StoredObjects.ServicePortsAsync(cluster.Client, "orders"));
        Assert.DoesNotContain(await StoredObjects.AnnotationsAsync(cluster.Client, "orders") ?? new Dictionary<string, string>(), a => a.Key.StartsWith("telepath.io/", StringComparison.Ordinal));
        Assert.Contains("removed the traffic agent from deployment \"orders\"", uninstall.Stderr);
        Assert.Empty((await cluster.Client.AppsV1.ListNamespacedDeploymentAsync("telepath")).Items);
        Assert.Empty((await cluster.Client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync()).Items);
        Assert.Equal(0, again.ExitCode);
        await Poll.UntilEqualAsync("cluster", () => ClusterProbe.WhoAnswersAsync(cluster.Client, "orders"));
    }

    [Fact]
    public async Task Uninstall_one_agent_needs_no_daemon_and_is_idempotent()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        var template = await StoredObjects.TemplateAsync(cluster.Client, "orders");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        await laptop.MustRunAsync("quit");

        var first = await laptop.MustRunAsync("uninstall", "--agent", "orders");
        var second = await laptop.MustRunAsync("uninstall", "--agent", "orders");

        Assert.Equal("Removed the traffic agent from orders\n", first.Stdout);
        Assert.Equal("orders has no traffic agent; nothing to remove\n", second.Stdout);
        Assert.Equal(template, await StoredObjects.TemplateAsync(cluster.Client, "orders"));
    }
}
