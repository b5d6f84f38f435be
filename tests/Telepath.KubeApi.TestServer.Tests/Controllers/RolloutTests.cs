using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.KubeApi.TestServer.Tests.Controllers;

public class RolloutTests
{
    [Fact]
    public async Task A_new_deployment_gets_a_replica_set_ready_pods_and_a_complete_status()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders", replicas: 2), "default");

        var deployment = await Poll.UntilAsync(
            () => cluster.Client.ReadNamespacedDeploymentAsync("orders", "default"),
            d => d.Status?.AvailableReplicas == 2);

        var rs = Assert.Single((await cluster.Client.ListNamespacedReplicaSetAsync("default")).Items);
        var pods = (await cluster.Client.ListNamespacedPodAsync("default", labelSelector: "app=orders")).Items;
        Assert.StartsWith("orders-", rs.Metadata.Name);
        Assert.Equal(rs.Metadata.Labels["pod-template-hash"], rs.Metadata.Name["orders-".Length..]);
        Assert.Equal("Deployment", rs.Metadata.OwnerReferences.Single().Kind);
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.StartsWith(rs.Metadata.Name + "-", p.Metadata.Name));
        Assert.All(pods, p => Assert.StartsWith("127.0.", p.Status.PodIP));
        Assert.Equal(2, pods.Select(p => p.Status.PodIP).Distinct().Count());
        Assert.All(pods, p => Assert.Equal("Running", p.Status.Phase));
        Assert.Equal(1, deployment.Status.ObservedGeneration);
        Assert.Equal("NewReplicaSetAvailable", deployment.Status.Conditions.Single(c => c.Type == "Progressing").Reason);
        Assert.Equal("True", deployment.Status.Conditions.Single(c => c.Type == "Available").Status);
    }

    [Fact]
    public async Task Changing_the_template_rolls_to_a_new_replica_set_and_removes_old_pods()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        var first = await Poll.UntilAsync(() => cluster.Client.ListNamespacedPodAsync("default"), l => l.Items.Count == 1);

        await cluster.Client.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.28"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "orders", "default");

        var deployment = await Poll.UntilAsync(
            () => cluster.Client.ReadNamespacedDeploymentAsync("orders", "default"),
            d => d.Status?.ObservedGeneration == 2 && d.Status.UpdatedReplicas == 1 && d.Status.Replicas == 1 && d.Status.AvailableReplicas == 1);
        var pods = await Poll.UntilAsync(() => cluster.Client.ListNamespacedPodAsync("default"), l => l.Items.Count == 1);
        var replicaSets = (await cluster.Client.ListNamespacedReplicaSetAsync("default")).Items;

        Assert.NotEqual(first.Items[0].Metadata.Name, pods.Items[0].Metadata.Name);
        Assert.Equal("nginx:1.28", pods.Items[0].Spec.Containers[0].Image);
        Assert.Equal(2, replicaSets.Count);
        Assert.Equal([0, 1], replicaSets.Select(r => r.Spec.Replicas ?? 0).Order());
        Assert.Equal("2", deployment.Metadata.Annotations["deployment.kubernetes.io/revision"]);
    }

    [Fact]
    public async Task An_unpullable_image_leaves_the_pod_in_image_pull_back_off()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { UnpullableImages = ["*/missing:*"] });
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders", image: "registry.example/missing:1"), "default");

        var pod = (await Poll.UntilAsync(
            () => cluster.Client.ListNamespacedPodAsync("default"),
            l => l.Items.Count == 1 && l.Items[0].Status?.ContainerStatuses?[0].State.Waiting?.Reason == "ImagePullBackOff")).Items[0];

        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Contains("registry.example/missing:1", pod.Status.ContainerStatuses[0].State.Waiting.Message);
        Assert.Equal("False", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
    }
}
