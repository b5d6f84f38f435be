using k8s;
using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

public class WorkloadPatcherTests
{
    [Fact]
    public async Task A_change_made_between_read_and_patch_is_planned_around_not_overwritten()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        var stale = await new WorkloadClient(cluster.Client).GetAsync(WorkloadKind.Deployment, "orders", "default", CancellationToken.None);
        var edit = """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"example/orders:2.0"}]}}}}""";
        await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(edit, V1Patch.PatchType.StrategicMergePatch), "orders", "default");
        var service = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("orders", "default");
        var plans = 0;

        var patched = await new WorkloadPatcher(cluster.Client).PatchWorkloadAsync(stale, live =>
        {
            plans++;
            return AgentInjector.Plan(live, service, service.Spec.Ports[0], new AgentSettings("img:1")).WorkloadPatch;
        }, CancellationToken.None);

        // At least one plan more than the stale one: the cluster's own controllers may bump the
        // resourceVersion again (a status update of the rollout) before the second patch lands.
        Assert.InRange(plans, 2, 6);
        Assert.Equal("example/orders:2.0", patched.Template.Spec.Containers.Single(c => c.Name == "app").Image);
        Assert.True(AgentTemplate.HasAgent(patched.Template));
    }
}
