using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Injection;

/// <summary>The app's volumes in the agent, as the API server stores the pods and the kubelet starts them.</summary>
public class AgentVolumesInstallationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_agent_container_the_kubelet_starts_mounts_the_app_volumes_and_names_them()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await StartAsync(runner);
        await CreateAsync(cluster, VolumeWorkloads.Deployment());

        await InstallAsync(cluster);

        var launch = runner.Launches.Last(l => l.ContainerName == AgentTemplate.ContainerName);
        var agent = KubernetesJson.Deserialize<V1Container>(launch.Container.ToJsonString());
        Assert.Equal([.. VolumeWorkloads.BaseArgs, .. VolumeWorkloads.Args], launch.Args);
        Assert.Equal(VolumeWorkloads.AgentMounts, agent.VolumeMounts.Select(VolumeWorkloads.Describe));
    }

    [Fact]
    public async Task A_pod_without_volumes_or_api_token_gets_no_extra_mount_or_argument()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await StartAsync(runner);
        var workload = Objects.Deployment();
        workload.Template.Spec.AutomountServiceAccountToken = false;
        await CreateAsync(cluster, workload);

        await InstallAsync(cluster);

        var launch = runner.Launches.Last(l => l.ContainerName == AgentTemplate.ContainerName);
        var agent = KubernetesJson.Deserialize<V1Container>(launch.Container.ToJsonString());
        Assert.Equal(VolumeWorkloads.BaseArgs, launch.Args);
        Assert.Equal(["telepath-agent-identity"], agent.VolumeMounts.Select(m => m.Name));
    }

    [Fact]
    public async Task The_agent_pod_runs_the_agent_as_the_app_user()
    {
        await using var cluster = await StartAsync(new RecordingPodRunner());
        var workload = VolumeWorkloads.Deployment();
        workload.Template.Spec.SecurityContext = new V1PodSecurityContext { RunAsUser = 1000, RunAsGroup = 3000, FsGroup = 2000 };
        await CreateAsync(cluster, workload);

        await InstallAsync(cluster);

        var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"{AgentTemplate.AgentLabel}={AgentTemplate.AgentLabelValue}")).Items;
        var context = pods.First().Spec.Containers.Single(c => c.Name == AgentTemplate.ContainerName).SecurityContext;
        Assert.Equal((1000L, 3000L, true), (context.RunAsUser, context.RunAsGroup, context.RunAsNonRoot));
        Assert.Equal(["ALL"], context.Capabilities.Drop);
    }

    [Fact]
    public async Task Uninstall_gives_a_workload_with_volumes_back_exactly()
    {
        await using var cluster = await StartAsync(new RecordingPodRunner());
        await CreateAsync(cluster, VolumeWorkloads.Deployment());
        var before = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("orders", "default");
        await InstallAsync(cluster);
        var injected = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("orders", "default");
        var progress = new ProgressLog();

        Assert.True(await new TelepathUninstaller(cluster.Client).AgentAsync("orders", "default", progress));

        var after = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("orders", "default");
        Assert.Contains(AgentTemplate.Agent(injected.Spec.Template)!.VolumeMounts, m => m.Name == "db");
        Assert.Equal(["removed the traffic agent from deployment \"orders\": it is as it was before"], progress.Lines);
        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode(after.Spec.Template));
    }

    private static async Task<TestCluster> StartAsync(RecordingPodRunner runner)
    {
        var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Timeout);
        return cluster;
    }

    private static async Task CreateAsync(TestCluster cluster, Workload workload)
    {
        var deployment = (V1Deployment)workload.Resource;
        deployment.Metadata.ResourceVersion = null;
        deployment.Metadata.Generation = null;
        // The kubelet starts no container until the ConfigMaps and Secrets its volumes name exist.
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "orders-config" }, Data = new Dictionary<string, string> { ["app.yaml"] = "greeting: hello\n" } }, "default");
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, StringData = new Dictionary<string, string> { ["password"] = "s3cret" } }, "default");
        await cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");
        await cluster.CreateServiceAsync("orders", "orders");
    }

    private static async Task InstallAsync(TestCluster cluster)
    {
        var target = await new WorkloadCatalog(cluster.Client).ResolveAsync("orders", "default");
        await new AgentInstallation(cluster.Client).InstallAsync(target, new AgentSettings("ghcr.io/telepath/telepath-server:v0.1.0"), Timeout, null);
    }
}
