using k8s;
using k8s.Models;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

/// <summary>StatefulSets roll their pods themselves; a bare ReplicaSet needs its pods replaced.</summary>
public class WorkloadKindsInstallationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stateful_set_gets_the_agent_and_is_restored()
    {
        await using var cluster = await StartAsync();
        var template = (V1Deployment)Objects.Deployment("db").Resource;
        await cluster.Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec { ServiceName = "db", Replicas = 1, Selector = template.Spec.Selector, Template = template.Spec.Template },
        }, "default");
        await cluster.CreateServiceAsync("db", "db");
        var before = await cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync("db", "default");

        await InstallAsync(cluster, "db");
        var pods = await cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=db");
        await new TelepathUninstaller(cluster.Client).AgentAsync("db", "default", null);
        var after = await cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync("db", "default");

        Assert.Contains(pods.Items, p => p.Spec.Containers.Any(c => c.Name == AgentTemplate.ContainerName) && p.Metadata.DeletionTimestamp is null);
        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode(after.Spec.Template));
    }

    [Fact]
    public async Task A_bare_replica_set_has_its_pods_replaced_with_agent_pods()
    {
        await using var cluster = await StartAsync();
        var template = (V1Deployment)Objects.Deployment("batch").Resource;
        await cluster.Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "batch" },
            Spec = new V1ReplicaSetSpec { Replicas = 1, Selector = template.Spec.Selector, Template = template.Spec.Template },
        }, "default");
        await cluster.CreateServiceAsync("batch", "batch");

        var result = await InstallAsync(cluster, "batch");
        var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=batch")).Items
            .Where(p => p.Metadata.DeletionTimestamp is null).ToList();

        Assert.Equal(WorkloadKind.ReplicaSet, result.Plan.Planned.Kind);
        Assert.NotEmpty(pods);
        Assert.All(pods, p => Assert.Contains(p.Spec.Containers, c => c.Name == AgentTemplate.ContainerName));
    }

    private static async Task<TestCluster> StartAsync()
    {
        var cluster = await TestCluster.StartAsync();
        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Timeout);
        return cluster;
    }

    private static async Task<AgentInstallResult> InstallAsync(TestCluster cluster, string name)
    {
        var target = await new WorkloadCatalog(cluster.Client).ResolveAsync(name, "default");
        return await new AgentInstallation(cluster.Client).InstallAsync(
            target, new AgentSettings("ghcr.io/telepath/telepath-server:v0.1.0"), Timeout, null);
    }
}
