using System.Net;
using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.KubeApi.TestServer.Tests.Pods;

public class NodeTests
{
    [Fact]
    public async Task The_node_has_the_24_of_the_first_pod_address_as_its_pod_range_and_is_ready()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { FirstPodIp = IPAddress.Parse("10.244.0.10") });

        var node = Assert.Single((await cluster.Client.ListNodeAsync()).Items);

        Assert.Equal("telepath-test-node", node.Name());
        Assert.Equal("10.244.0.0/24", node.Spec.PodCIDR);
        Assert.Equal(["10.244.0.0/24"], node.Spec.PodCIDRs);
        Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
    }

    [Fact]
    public async Task Pod_ranges_of_both_families_can_be_given_and_pods_run_on_that_node()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions
        {
            NodePodCidrs = [IPNetwork.Parse("10.244.1.0/24"), IPNetwork.Parse("fd00:10:244:1::/64")],
        });
        await cluster.Client.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] } },
            "default");

        var node = await cluster.Client.ReadNodeAsync("telepath-test-node");
        var pod = await Poll.UntilAsync(() => cluster.Client.ReadNamespacedPodAsync("web", "default"), p => p.Spec.NodeName is not null);

        Assert.Equal("10.244.1.0/24", node.Spec.PodCIDR);
        Assert.Equal(["10.244.1.0/24", "fd00:10:244:1::/64"], node.Spec.PodCIDRs);
        Assert.Equal(node.Name(), pod.Spec.NodeName);
    }

    [Fact]
    public async Task A_node_added_later_reaches_a_watch_of_nodes()
    {
        await using var cluster = await TestCluster.StartAsync();
        var list = await cluster.Client.ListNodeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var watching = Task.Run(async () =>
        {
            await foreach (var (type, node) in cluster.Client.CoreV1.WatchListNodeAsync(resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timeout.Token))
            {
                return (type, node.Name(), node.Spec.PodCIDRs);
            }

            return default;
        });
        await cluster.Client.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "second" },
            Spec = new V1NodeSpec { PodCIDR = "10.244.7.0/24", PodCIDRs = ["10.244.7.0/24"] },
        });

        var (seen, name, cidrs) = await watching;
        Assert.Equal((WatchEventType.Added, "second"), (seen, name));
        Assert.Equal(["10.244.7.0/24"], cidrs);
    }
}
