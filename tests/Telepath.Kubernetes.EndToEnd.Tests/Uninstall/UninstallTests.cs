using k8s;
using k8s.Models;
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
        // What a laptop that crashed between writing and removing its claim leaves, and a token copy of an older version.
        await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("{\"metadata\":{\"annotations\":{\"claim.telepath.io/0f8fad5b-d9cb-469f-a165-70867728950e\":\"left\"}}}", V1Patch.PatchType.MergePatch), "orders", "default");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "telepath-agent-token",
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "telepath", ["app.kubernetes.io/name"] = "telepath-agent-token" },
                },
                StringData = new Dictionary<string, string> { ["token"] = "old-shared-token" },
            },
            "default");

        var uninstall = await laptop.MustRunAsync("uninstall", "--everything");
        var again = await laptop.RunAsync("uninstall", "--everything");

        Assert.NotEqual(ports, injectedPorts);
        Assert.Equal(template, await StoredObjects.TemplateAsync(cluster.Client, "orders"));
        Assert.Equal(ports, await StoredObjects.ServicePortsAsync(cluster.Client, "orders"));
        Assert.DoesNotContain(await StoredObjects.AnnotationsAsync(cluster.Client, "orders") ?? new Dictionary<string, string>(), a => a.Key.Contains("telepath.io/", StringComparison.Ordinal));
        Assert.Empty((await cluster.Client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: "app.kubernetes.io/managed-by=telepath")).Items);
        Assert.Empty((await cluster.Client.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(labelSelector: "app.kubernetes.io/managed-by=telepath")).Items);
        Assert.Empty((await cluster.Client.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: "app.kubernetes.io/managed-by=telepath")).Items);
        Assert.Empty((await cluster.Client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: "app.kubernetes.io/managed-by=telepath")).Items);
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
