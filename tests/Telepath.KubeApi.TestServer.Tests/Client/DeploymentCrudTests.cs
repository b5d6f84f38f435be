using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.KubeApi.TestServer.Tests.Client;

public class DeploymentCrudTests
{
    [Fact]
    public async Task Create_then_get_returns_server_filled_metadata()
    {
        await using var cluster = await TestCluster.StartAsync();

        var created = await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        var read = await cluster.Client.ReadNamespacedDeploymentAsync("orders", "default");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal(1, read.Metadata.Generation);
        Assert.NotNull(read.Metadata.CreationTimestamp);
        Assert.Equal("apps/v1", read.ApiVersion);
        Assert.Equal("Always", read.Spec.Template.Spec.RestartPolicy);
        Assert.Equal(600, read.Spec.ProgressDeadlineSeconds);
    }

    [Fact]
    public async Task List_filters_by_label_and_field_selector()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("billing"), "default");

        var byLabel = await cluster.Client.ListNamespacedDeploymentAsync("default", labelSelector: "app in (orders)");
        var byField = await cluster.Client.ListDeploymentForAllNamespacesAsync(fieldSelector: "metadata.name=billing");

        Assert.Equal("orders", Assert.Single(byLabel.Items).Metadata.Name);
        Assert.Equal("billing", Assert.Single(byField.Items).Metadata.Name);
        Assert.False(string.IsNullOrEmpty(byLabel.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Patch_accepts_json_merge_and_strategic_patches()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");

        await cluster.Client.PatchNamespacedDeploymentAsync(new V1Patch(
            """[{"op":"add","path":"/metadata/annotations","value":{"a":"1"}}]""", V1Patch.PatchType.JsonPatch), "orders", "default");
        await cluster.Client.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"metadata":{"labels":{"team":"x"}}}""", V1Patch.PatchType.MergePatch), "orders", "default");
        var patched = await cluster.Client.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"agent:1"},{"name":"app","env":[{"name":"EXTRA","value":"y"}]}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "orders", "default");

        Assert.Equal("1", patched.Metadata.Annotations["a"]);
        Assert.Equal("x", patched.Metadata.Labels["team"]);
        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["app", "sidecar"], containers.Select(c => c.Name));
        Assert.Equal(["MODE", "EXTRA"], containers[0].Env.Select(e => e.Name));
        Assert.Equal("nginx:1.27", containers[0].Image);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_a_conflict()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        var read = await cluster.Client.ReadNamespacedDeploymentAsync("orders", "default");
        await cluster.Client.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "orders", "default");

        read.Spec.Replicas = 3;
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(
            () => cluster.Client.ReplaceNamespacedDeploymentAsync(read, "orders", "default"));

        Assert.Equal(409, (int)error.Response.StatusCode);
        Assert.Contains("the object has been modified", error.Response.Content);
    }

    [Fact]
    public async Task Delete_removes_the_deployment_and_its_replica_sets()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        await Poll.UntilAsync(() => cluster.Client.ListNamespacedPodAsync("default"), l => l.Items.Count == 1);

        var status = await cluster.Client.DeleteNamespacedDeploymentAsync("orders", "default", propagationPolicy: "Background");

        Assert.Equal("Success", status.Status);
        await Poll.UntilAsync(() => cluster.Client.ListNamespacedReplicaSetAsync("default"), l => l.Items.Count == 0);
        await Poll.UntilAsync(() => cluster.Client.ListNamespacedPodAsync("default"), l => l.Items.Count == 0);
    }
}
