using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Mounts;

namespace Telepath.Kubernetes.EndToEnd.Tests.Volumes;

/// <summary>
/// Issue 15 against the cluster: the injected agent serves the app container's ConfigMap and emptyDir
/// volumes, as the test server's kubelet wrote them, and the laptop mounts them with its real sshfs.
/// </summary>
public sealed class VolumeMountTests
{
    private const string Workload = "files";

    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task An_intercept_mounts_the_pods_ConfigMap_and_emptyDir_and_uninstall_restores_the_Deployment_exactly()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "files-config" }, Data = new Dictionary<string, string> { ["app.yaml"] = "greeting: hello\n" } },
            SampleWorkloads.Namespace);
        await cluster.Client.AppsV1.CreateNamespacedDeploymentAsync(WithVolumes(SampleWorkloads.Deployment(Workload)), SampleWorkloads.Namespace);
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(SampleWorkloads.Service(Workload, "http"), SampleWorkloads.Namespace);
        var template = await StoredObjects.TemplateAsync(cluster.Client, Workload);
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");

        var intercept = await laptop.MustRunAsync("intercept", Workload, "--port", app.Port.ToString());

        var root = FuseMounts.PointIn(intercept.Stdout);
        var pod = await AppContainerWithAgentAsync(cluster);
        Assert.DoesNotContain("volumes not mounted", intercept.Stderr);
        Assert.Equal([Path.Combine(root, "etc/config"), Path.Combine(root, "var/data")], FuseMounts.Under(root).Order(StringComparer.Ordinal));
        Assert.Equal("greeting: hello\n", await File.ReadAllTextAsync(Path.Combine(root, "etc/config/app.yaml")));

        // The emptyDir takes writes, which the app container sees; the ConfigMap refuses them.
        await File.WriteAllTextAsync(Path.Combine(root, "var/data/x.txt"), "written on the laptop\n");
        Assert.Equal("written on the laptop\n", await File.ReadAllTextAsync(pod.LocalPath("/var/data/x.txt")!));
        await Assert.ThrowsAnyAsync<IOException>(() => File.WriteAllTextAsync(Path.Combine(root, "etc/config/new.yaml"), "no\n"));
        Assert.False(File.Exists(pod.LocalPath("/etc/config/new.yaml")));

        await laptop.MustRunAsync("leave", Workload);

        Assert.Empty(FuseMounts.Under(root));
        var uninstall = await laptop.MustRunAsync("uninstall", "--agent", Workload);
        Assert.Equal($"Removed the traffic agent from {Workload}\n", uninstall.Stdout);
        Assert.Equal(template, await StoredObjects.TemplateAsync(cluster.Client, Workload));
    }

    // A read-only ConfigMap at /etc/config and an emptyDir at /var/data in the app container.
    private static V1Deployment WithVolumes(V1Deployment deployment)
    {
        var spec = deployment.Spec.Template.Spec;
        spec.Containers[0].VolumeMounts =
        [
            new V1VolumeMount { Name = "config", MountPath = "/etc/config", ReadOnlyProperty = true },
            new V1VolumeMount { Name = "data", MountPath = "/var/data" },
        ];
        spec.Volumes =
        [
            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "files-config" } },
            new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() },
        ];
        return deployment;
    }

    // The app container of the pod the intercept reached: the one running beside the agent.
    private static async Task<ContainerLaunch> AppContainerWithAgentAsync(SimulatedCluster cluster)
    {
        var pods = await cluster.Client.CoreV1.ListNamespacedPodAsync(SampleWorkloads.Namespace, labelSelector: $"app={Workload}");
        var pod = Assert.Single(pods.Items, p => p.Metadata.DeletionTimestamp is null && p.Spec.Containers.Any(c => c.Name == "telepath-agent"));
        return cluster.LaunchOf(SampleWorkloads.Namespace, pod.Name(), "app") ?? throw new Xunit.Sdk.XunitException($"the kubelet has not started {pod.Name()}'s app container");
    }
}
