using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Workloads;

public sealed class ListTests
{
    [Fact]
    public async Task List_says_for_each_workload_whether_it_can_be_intercepted_and_why_not()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await SampleWorkloads.CreateAsync(cluster.Client, "legacy", targetPort: null);
        await cluster.Client.AppsV1.CreateNamespacedStatefulSetAsync(SampleWorkloads.StatefulSet("ledger"), "default");
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(SampleWorkloads.Service("ledger", "http"), "default");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("connect");

        var list = await laptop.MustRunAsync("list");

        Assert.Equal(
            "ledger : ready to intercept (traffic-agent not yet installed)\n" +
            "legacy : not interceptable (no service selects it)\n" +
            "orders : ready to intercept (traffic-agent not yet installed)\n",
            list.Stdout);
    }

    [Fact]
    public async Task List_shows_an_installed_agent_and_an_intercept()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");

        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        var intercepted = await laptop.MustRunAsync("list");
        await laptop.MustRunAsync("leave", "orders");
        var installed = await laptop.MustRunAsync("list");
        var json = await laptop.MustRunAsync("list", "--all-namespaces", "--output", "json");

        Assert.Equal("orders : intercepted\n", intercepted.Stdout);
        Assert.Equal("orders : ready to intercept (traffic-agent already installed)\n", installed.Stdout);
        Assert.Contains("\"namespace\": \"default\"", json.Stdout);
        Assert.Contains("telepath-manager", json.Stdout);
    }
}
