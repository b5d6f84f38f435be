using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Telepath.Core;
using Telepath.KubeApi.TestServer;
using Telepath.Kubernetes.Injection;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Tests.Infrastructure;
using Telepath.Kubernetes.Workloads;
using Telepath.Testing.Polling;

namespace Telepath.Kubernetes.Tests.Injection;

public class AgentInstallationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly AgentSettings Settings = new("ghcr.io/telepath/telepath-server:v0.1.0");

    [Fact]
    public async Task The_agent_is_injected_rolled_out_and_removed_leaving_the_original_exactly()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        var before = await ReadAsync(cluster, "orders");
        var progress = new ProgressLog();

        var result = await InstallAsync(cluster, "orders", progress: progress);
        var injected = await ReadAsync(cluster, "orders");
        var labelled = await cluster.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: $"{AgentTemplate.AgentLabel}={AgentTemplate.AgentLabelValue}");
        var removal = new ProgressLog();
        var removed = await new TelepathUninstaller(cluster.Client).AgentAsync("orders", "default", removal);
        var after = await ReadAsync(cluster, "orders");

        Assert.True(result.Changed);
        Assert.Equal(["app", "telepath-agent"], injected.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.NotEmpty(labelled.Items);
        Assert.Contains(progress.Lines, l => l.Contains("updated pods are available", StringComparison.Ordinal));
        Assert.Contains(injected.Spec.Template.Spec.Volumes, v => v.Name == "telepath-agent-identity" && v.Projected is not null);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedSecretAsync("default")).Items);
        Assert.True(removed);
        Assert.Equal(["removed the traffic agent from deployment \"orders\": it is as it was before"], removal.Lines);
        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode(after.Spec.Template));
        Assert.False(after.Metadata.Annotations?.ContainsKey(AgentTemplate.OriginalTemplateAnnotation) ?? false);
        Assert.False(await new TelepathUninstaller(cluster.Client).AgentAsync("orders", "default", null));
    }

    [Fact]
    public async Task The_agent_sees_the_app_environment_under_its_prefix()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await StartWithManagerAsync(new KubeApiServerOptions { PodRunner = runner });
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, Data = new Dictionary<string, byte[]> { ["password"] = "hunter2"u8.ToArray() } }, "default");
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");

        await InstallAsync(cluster, "orders");

        var agent = runner.Launches.Last(l => l.ContainerName == AgentTemplate.ContainerName);
        Assert.Equal("prod", agent.Environment["TELEPATH_APP_MODE"]);
        Assert.Equal("hunter2", agent.Environment["TELEPATH_APP_PASSWORD"]);
        Assert.Equal(agent.PodName, agent.Environment["TELEPATH_POD_NAME"]);
        Assert.Equal("app", agent.Environment["TELEPATH_AGENT_APP_CONTAINER"]);
        Assert.Equal([9900], agent.Ports);
    }

    [Fact]
    public async Task A_numeric_target_port_retargets_the_service_and_uninstall_restores_it()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders", ports: new V1ContainerPort { ContainerPort = 8080, Protocol = "TCP" });
        var service = await cluster.CreateServiceAsync("orders", "orders", ports: new V1ServicePort { Name = "web", Port = 80, TargetPort = 8080 });

        await InstallAsync(cluster, "orders");
        var retargeted = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("orders", "default");
        await new TelepathUninstaller(cluster.Client).AllAgentsAsync("default", null);
        var restored = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("orders", "default");

        Assert.Equal("tp-8080", retargeted.Spec.Ports[0].TargetPort.Value);
        InjectionAssert.SameJson(KubeJson.ToNode(service.Spec), KubeJson.ToNode(restored.Spec));
        Assert.Null(restored.Metadata.Annotations);
    }

    [Fact]
    public async Task A_refused_patch_names_the_verb_resource_and_namespace_and_changes_nothing()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        cluster.Server.Deny("patch", "deployments.apps", "default");
        var before = await ReadAsync(cluster, "orders");

        var error = await Assert.ThrowsAsync<UserErrorException>(() => InstallAsync(cluster, "orders"));

        Assert.Equal(
            "you are not allowed to patch deployments in namespace \"default\" (forbidden): ask your cluster admin for 'patch' on deployments.apps",
            error.Message);
        var after = await ReadAsync(cluster, "orders");
        Assert.Equal(before.Metadata.Generation, after.Metadata.Generation);
        Assert.False(after.Metadata.Annotations?.ContainsKey(AgentTemplate.OriginalTemplateAnnotation) ?? false);
    }

    [Fact]
    public async Task A_refused_service_patch_puts_the_workload_back()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders", ports: new V1ContainerPort { ContainerPort = 8080, Protocol = "TCP" });
        await cluster.CreateServiceAsync("orders", "orders", ports: new V1ServicePort { Port = 80, TargetPort = 8080 });
        cluster.Server.Deny("patch", "services", "default");
        var before = await ReadAsync(cluster, "orders");

        var error = await Assert.ThrowsAsync<UserErrorException>(() => InstallAsync(cluster, "orders"));

        Assert.Equal(
            "you are not allowed to patch services in namespace \"default\" (forbidden): ask your cluster admin for 'patch' on services; deployment \"orders\" was put back as it was",
            error.Message);
        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode((await ReadAsync(cluster, "orders")).Spec.Template));
    }

    [Fact]
    public async Task An_agent_image_that_cannot_be_pulled_is_rolled_back_naming_the_reason()
    {
        await using var cluster = await StartWithManagerAsync(new KubeApiServerOptions { UnpullableImages = ["*:broken"] });
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await WaitAvailableAsync(cluster, "orders");
        var before = await ReadAsync(cluster, "orders");

        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            InstallAsync(cluster, "orders", Settings with { Image = "ghcr.io/telepath/telepath-server:broken" }));

        Assert.StartsWith("the traffic agent could not start in deployment \"orders\": pod \"orders-", error.Message);
        Assert.Contains("container \"telepath-agent\": ImagePullBackOff for image \"ghcr.io/telepath/telepath-server:broken\"", error.Message);
        Assert.EndsWith("; deployment \"orders\" was put back as it was", error.Message);
        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode((await ReadAsync(cluster, "orders")).Spec.Template));
    }

    [Fact]
    public async Task A_change_made_after_injection_survives_the_uninstall()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await InstallAsync(cluster, "orders");
        var change = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["replicas"] = 3,
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "app",
                            ["image"] = "example/orders:1.1",
                            ["env"] = new JsonArray(new JsonObject { ["name"] = "FEATURE_X", ["value"] = "on" }),
                        }),
                    },
                },
            },
        };
        await cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(change.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), "orders", "default");

        var progress = new ProgressLog();
        await new TelepathUninstaller(cluster.Client).AgentAsync("orders", "default", progress);
        var after = await ReadAsync(cluster, "orders");

        var line = Assert.Single(progress.Lines, l => l.StartsWith("removed the traffic agent", StringComparison.Ordinal));
        Assert.StartsWith("removed the traffic agent from deployment \"orders\", keeping what changed since it was added (", line);
        Assert.Contains("/spec/containers/0/image", line);
        var app = Assert.Single(after.Spec.Template.Spec.Containers);
        Assert.Equal("example/orders:1.1", app.Image);
        Assert.Contains(app.Env, e => e.Name == "FEATURE_X");
        Assert.Contains(app.Env, e => e.Name == "MODE");
        Assert.Equal("http", app.Ports.Single().Name);
        Assert.Equal(3, after.Spec.Replicas);
        Assert.DoesNotContain(after.Spec.Template.Spec.Volumes ?? [], v => v.Name == AgentTemplate.VolumeName);
    }

    [Fact]
    public async Task Uninstall_everything_restores_all_workloads_and_removes_the_manager_twice_over()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        var before = await ReadAsync(cluster, "orders");
        await InstallAsync(cluster, "orders");
        var uninstaller = new TelepathUninstaller(cluster.Client);

        await uninstaller.EverythingAsync("telepath", null);
        await uninstaller.EverythingAsync("telepath", null);

        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode((await ReadAsync(cluster, "orders")).Spec.Template));
        Assert.Null(await new ManagerInstaller(cluster.Client).GetStatusAsync("telepath"));
        Assert.Empty((await cluster.Client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync()).Items);
    }

    [Fact]
    public async Task Uninstall_everything_leaves_no_token_copy_manager_token_or_claim_of_any_version()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await cluster.CreateDeploymentAsync("billing", "shop");
        await InstallLegacyAsync(cluster, "orders");
        await AnnotateAsync(cluster, "orders", "default", "claim.telepath.io/2f1c9a");
        await AnnotateAsync(cluster, "billing", "shop", "claim.telepath.io/77ab03");
        await CreateLegacySecretAsync(cluster, "telepath-manager-token", "telepath");
        var progress = new ProgressLog();

        await new TelepathUninstaller(cluster.Client).EverythingAsync("telepath", progress);

        Assert.Empty((await cluster.Client.CoreV1.ListSecretForAllNamespacesAsync()).Items);
        var orders = await ReadAsync(cluster, "orders");
        Assert.Equal(["app"], orders.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Null(orders.Spec.Template.Spec.Volumes);
        AssertNoAnnotationOfTelepaths(orders.Metadata);
        AssertNoAnnotationOfTelepaths((await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("billing", "shop")).Metadata);
        Assert.Contains("removed the intercept claims a laptop left on deployment \"billing\"", progress.Lines);
    }

    [Fact]
    public async Task Uninstalling_an_agent_of_a_version_before_kubernetes_identity_gives_the_original_back()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        var before = await ReadAsync(cluster, "orders");
        await InstallLegacyAsync(cluster, "orders");

        Assert.True(await new TelepathUninstaller(cluster.Client).AgentAsync("orders", "default", null));

        var after = await ReadAsync(cluster, "orders");
        InjectionAssert.SameJson(KubeJson.ToNode(before.Spec.Template), KubeJson.ToNode(after.Spec.Template));
        AssertNoAnnotationOfTelepaths(after.Metadata);
    }

    [Fact]
    public async Task Intercepting_a_workload_injected_before_kubernetes_identity_moves_its_agent_to_the_projected_token()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await InstallLegacyAsync(cluster, "orders");
        var progress = new ProgressLog();

        var result = await InstallAsync(cluster, "orders", progress: progress);

        var template = (await ReadAsync(cluster, "orders")).Spec.Template;
        Assert.True(result.Changed);
        Assert.Contains($"upgrading the traffic agent of deployment \"orders\" from {LegacyInjection.Image} to {Settings.Image}", progress.Lines);
        Assert.Equal(["telepath-agent-identity"], template.Spec.Volumes.Select(v => v.Name));
        Assert.Equal(["telepath-agent-identity"], AgentTemplate.Agent(template)!.VolumeMounts.Select(m => m.Name));
    }

    [Fact]
    public async Task A_claim_a_laptop_left_goes_when_its_agent_is_uninstalled()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await InstallAsync(cluster, "orders");
        await AnnotateAsync(cluster, "orders", "default", "claim.telepath.io/2f1c9a");
        var claimed = await ReadAsync(cluster, "orders");

        await new TelepathUninstaller(cluster.Client).AgentAsync("orders", "default", null);

        Assert.Contains("claim.telepath.io/2f1c9a", claimed.Metadata.Annotations.Keys);
        AssertNoAnnotationOfTelepaths((await ReadAsync(cluster, "orders")).Metadata);
    }

    [Fact]
    public async Task Installing_twice_changes_nothing_the_second_time()
    {
        await using var cluster = await StartWithManagerAsync();
        await cluster.CreateDeploymentAsync("orders");
        await cluster.CreateServiceAsync("orders", "orders");
        await InstallAsync(cluster, "orders");
        var once = await ReadAsync(cluster, "orders");

        var again = await InstallAsync(cluster, "orders");

        Assert.False(again.Changed);
        Assert.Equal(once.Metadata.Generation, (await ReadAsync(cluster, "orders")).Metadata.Generation);
    }

    private static async Task<TestCluster> StartWithManagerAsync(KubeApiServerOptions? options = null)
    {
        var cluster = await TestCluster.StartAsync(options);
        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Timeout);
        return cluster;
    }

    private static async Task<AgentInstallResult> InstallAsync(TestCluster cluster, string name, AgentSettings? settings = null, IProgress<string>? progress = null)
    {
        var target = await new WorkloadCatalog(cluster.Client).ResolveAsync(name, "default");
        return await new AgentInstallation(cluster.Client).InstallAsync(target, settings ?? Settings, Timeout, progress);
    }

    // What a version before Kubernetes identity left: its agent mounting a copy of the manager's token.
    private static async Task InstallLegacyAsync(TestCluster cluster, string name)
    {
        await InstallAsync(cluster, name);
        var injected = new Workload(WorkloadKind.Deployment, await ReadAsync(cluster, name));
        var legacy = (V1Deployment)LegacyInjection.Of(injected).Resource;
        await cluster.Client.AppsV1.ReplaceNamespacedDeploymentAsync(legacy, name, "default");
        await CreateLegacySecretAsync(cluster, "telepath-agent-token", "default");
    }

    private static Task CreateLegacySecretAsync(TestCluster cluster, string name, string ns) =>
        cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "telepath", ["app.kubernetes.io/name"] = name },
                },
                Data = new Dictionary<string, byte[]> { ["token"] = "old-shared-token"u8.ToArray() },
            },
            ns);

    private static Task AnnotateAsync(TestCluster cluster, string name, string ns, string key) =>
        cluster.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = "nonce" } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            name,
            ns);

    // The API server's own annotations (deployment.kubernetes.io/revision) stay.
    private static void AssertNoAnnotationOfTelepaths(V1ObjectMeta metadata) =>
        Assert.DoesNotContain(metadata.Annotations?.Keys ?? [], key => key.StartsWith("telepath.io/", StringComparison.Ordinal) || key.StartsWith("claim.telepath.io/", StringComparison.Ordinal));

    private static Task<V1Deployment> ReadAsync(TestCluster cluster, string name) =>
        cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default");

    private static Task WaitAvailableAsync(TestCluster cluster, string name) =>
        Poll.UntilAsync(() => ReadAsync(cluster, name), deployment => deployment.Status?.AvailableReplicas > 0);
}
