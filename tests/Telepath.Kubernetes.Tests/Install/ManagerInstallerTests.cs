using k8s;
using k8s.Models;
using Telepath.Core;
using Telepath.KubeApi.TestServer;
using Telepath.Kubernetes.Install;
using Telepath.Kubernetes.Manifests;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Install;

public class ManagerInstallerTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Install_creates_every_object_and_waits_for_the_manager()
    {
        await using var cluster = await TestCluster.StartAsync();
        var progress = new ProgressLog();

        var result = await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), progress, readyTimeout: Ready);

        Assert.Equal(10, result.Created.Count);
        Assert.False(result.WasInstalled);
        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        Assert.Equal("ghcr.io/telepath/telepath-server:v0.1.0", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(1, deployment.Status.AvailableReplicas);
        await cluster.Client.CoreV1.ReadNamespacedServiceAsync("telepath-manager", "telepath");
        await cluster.Client.RbacAuthorizationV1.ReadClusterRoleAsync("telepath-manager-telepath");
        await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("telepath-manager", "telepath");
        await cluster.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("telepath-manager", "telepath");
        await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("telepath-client", "telepath");
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedSecretAsync("telepath")).Items);
        Assert.Contains(progress.Lines, l => l.StartsWith("waiting for the traffic manager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connecting_to_a_running_manager_needs_no_right_to_install_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);
        cluster.Server.Deny("create", "*", null, KubeApiServerOptions.DefaultUser);

        var again = await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);

        Assert.Empty(again.Created);
        Assert.True(again.WasInstalled);
    }

    [Fact]
    public async Task The_ready_manager_pod_is_found_for_the_port_forward()
    {
        await using var cluster = await TestCluster.StartAsync();
        var locator = new ManagerLocator(cluster.Client);
        var missing = await Assert.ThrowsAsync<UserErrorException>(() => locator.FindReadyPodAsync("telepath"));
        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(), null, readyTimeout: Ready);

        var pod = await locator.FindReadyPodAsync("telepath");

        Assert.Equal("the traffic manager is not installed in namespace \"telepath\": run \"telepath install\"", missing.Message);
        Assert.StartsWith("telepath-manager-", pod.Metadata.Name);
    }

    [Fact]
    public async Task Installing_again_changes_nothing()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);
        var before = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");

        var second = await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);

        Assert.Empty(second.Created);
        Assert.False(second.VersionMismatch);
        var after = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        Assert.Equal(before.Metadata.Generation, after.Metadata.Generation);
    }

    [Fact]
    public async Task Installing_again_recreates_an_object_someone_deleted_from_a_ready_manager()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);
        await cluster.Client.CoreV1.DeleteNamespacedServiceAsync("telepath-manager", "telepath");
        var progress = new ProgressLog();

        var again = await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), progress, readyTimeout: Ready);

        Assert.Equal(["Service telepath-manager"], again.Created);
        Assert.Contains("created Service telepath-manager", progress.Lines);
        await cluster.Client.CoreV1.ReadNamespacedServiceAsync("telepath-manager", "telepath");
    }

    [Fact]
    public async Task A_manager_of_another_version_is_reported_and_upgrade_replaces_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.0.9"), null, readyTimeout: Ready);

        var found = await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);
        var kept = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        await installer.UpgradeAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);
        var upgraded = await installer.GetStatusAsync("telepath");

        Assert.True(found.VersionMismatch);
        Assert.Equal("v0.0.9", found.InstalledVersion);
        Assert.EndsWith(":v0.0.9", kept.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("v0.1.0", upgraded!.Version);
        Assert.EndsWith(":v0.1.0", upgraded.Image);
    }

    [Fact]
    public async Task An_upgrade_whose_deployment_changes_between_its_read_and_its_replace_reads_again_and_replaces()
    {
        await using var cluster = await TestCluster.StartAsync();
        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.0.9"), null, readyTimeout: Ready);

        // As the deployment controller does on a real cluster: a write lands between the read and the replace.
        using var interloper = new WriteBeforeFirstReplace(cluster.Client);
        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig), interloper);
        await new ManagerInstaller(client).UpgradeAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);

        Assert.True(interloper.Interfered, "the test's write did not happen");
        var upgraded = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        Assert.EndsWith(":v0.1.0", upgraded.Spec.Template.Spec.Containers[0].Image);
    }

    /// <summary>Before the first PUT of the manager's Deployment is sent, labels it through another client, so that PUT's resourceVersion is stale.</summary>
    private sealed class WriteBeforeFirstReplace(k8s.IKubernetes other) : DelegatingHandler
    {
        public bool Interfered { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Interfered && request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/deployments/telepath-manager", StringComparison.Ordinal))
            {
                Interfered = true;
                var live = await other.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath", cancellationToken: cancellationToken);
                live.Metadata.Labels["interloper"] = "yes";
                await other.AppsV1.ReplaceNamespacedDeploymentAsync(live, "telepath-manager", "telepath", cancellationToken: cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task The_token_secret_of_a_manager_from_before_kubernetes_identity_is_kept_while_it_runs_and_goes_with_the_upgrade()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await InstallBeforeKubernetesIdentityAsync(cluster);
        var progress = new ProgressLog();

        var found = await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);
        var kept = await LegacyTokenAsync(cluster);
        await installer.UpgradeAsync(new ManagerInstallOptions(Tag: "v0.1.0"), progress, readyTimeout: Ready);

        Assert.True(found.VersionMismatch);
        Assert.Equal("old-shared-token", kept);
        Assert.Null(await LegacyTokenAsync(cluster));
        Assert.Contains("deleted Secret telepath-manager-token: the manager no longer shares a token", progress.Lines);
        var pod = (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath")).Spec.Template.Spec;
        Assert.DoesNotContain("--token-file", pod.Containers[0].Args);
        Assert.DoesNotContain(pod.Volumes, v => v.Secret is not null);
    }

    [Fact]
    public async Task Installing_where_the_token_secret_of_an_older_version_was_left_deletes_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.EnsureNamespaceAsync("telepath");
        await CreateTokenSecretAsync(cluster);

        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);

        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedSecretAsync("telepath")).Items);
    }

    [Fact]
    public async Task Upgrading_a_manager_from_before_the_range_rules_gives_it_the_new_rules_and_its_role()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.0.9"), null, readyTimeout: Ready);
        // What an installation made before Nodes, ServiceCIDRs and the dry-run were read.
        await cluster.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("telepath-manager", "telepath");
        await cluster.Client.RbacAuthorizationV1.DeleteNamespacedRoleAsync("telepath-manager", "telepath");
        var old = await cluster.Client.RbacAuthorizationV1.ReadClusterRoleAsync("telepath-manager-telepath");
        old.Rules = [old.Rules[0]];
        await cluster.Client.RbacAuthorizationV1.ReplaceClusterRoleAsync(old, old.Name());

        await installer.UpgradeAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);

        var clusterRole = await cluster.Client.RbacAuthorizationV1.ReadClusterRoleAsync("telepath-manager-telepath");
        var role = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("telepath-manager", "telepath");
        var binding = await cluster.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("telepath-manager", "telepath");
        Assert.Equal(
            [["services", "pods", "namespaces"], ["nodes"], ["servicecidrs"], ["tokenreviews"], ["deployments", "replicasets", "statefulsets"]],
            clusterRole.Rules.Select(r => r.Resources.ToArray()));
        Assert.Equal(["create"], Assert.Single(role.Rules).Verbs);
        Assert.Equal(("Role", "telepath-manager"), (binding.RoleRef.Kind, binding.RoleRef.Name));
    }

    [Fact]
    public async Task Uninstall_removes_what_install_created_and_can_run_twice()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(), null, readyTimeout: Ready);

        Assert.True(await installer.UninstallAsync("telepath", null));
        Assert.Null(await installer.GetStatusAsync("telepath"));
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => cluster.Client.RbacAuthorizationV1.ReadClusterRoleAsync("telepath-manager-telepath"));
        Assert.Empty((await cluster.Client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync()).Items);
        await installer.UninstallAsync("telepath", null);
    }

    [Fact]
    public async Task A_namespace_the_user_made_is_kept_by_uninstall()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.EnsureNamespaceAsync("ops");
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions("ops"), null, readyTimeout: Ready);

        await installer.UninstallAsync("ops", null);

        var ns = await cluster.Client.CoreV1.ReadNamespaceAsync("ops");
        Assert.Null(ns.Metadata.DeletionTimestamp);
        Assert.Empty((await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleAsync("ops")).Items);
        Assert.Empty((await cluster.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync("ops")).Items);
        Assert.Empty((await cluster.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("ops")).Items);
    }

    [Fact]
    public async Task Uninstall_deletes_the_token_secret_of_a_manager_from_before_kubernetes_identity()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.EnsureNamespaceAsync("telepath");
        await InstallBeforeKubernetesIdentityAsync(cluster);
        var progress = new ProgressLog();

        await new ManagerInstaller(cluster.Client).UninstallAsync("telepath", progress);

        Assert.Contains("deleted Secret telepath-manager-token", progress.Lines);
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedSecretAsync("telepath")).Items);
    }

    [Fact]
    public async Task Upgrading_a_manager_from_before_the_network_policy_creates_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var installer = new ManagerInstaller(cluster.Client);
        await installer.EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.0.9"), null, readyTimeout: Ready);
        await cluster.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("telepath-manager", "telepath");

        await installer.UpgradeAsync(new ManagerInstallOptions(Tag: "v0.1.0"), null, readyTimeout: Ready);

        var policy = await cluster.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("telepath-manager", "telepath");
        Assert.Equal("v0.1.0", policy.Metadata.Labels["app.kubernetes.io/version"]);
    }

    [Fact]
    public async Task A_user_who_may_not_create_network_policies_is_told_what_to_ask_for()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("create", "networkpolicies.networking.k8s.io", "telepath");

        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(), null, readyTimeout: Ready));

        Assert.Equal(
            "you are not allowed to create networkpolicies in namespace \"telepath\" (forbidden): ask your cluster admin for 'create' on networkpolicies.networking.k8s.io",
            error.Message);
    }

    [Fact]
    public async Task A_manager_image_that_cannot_be_pulled_fails_with_the_pods_reason()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { UnpullableImages = ["*:broken"] });

        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "broken"), null, readyTimeout: Ready));

        Assert.StartsWith("the traffic manager in namespace \"telepath\" is not ready: pod \"telepath-manager-", error.Message);
        Assert.Contains("ImagePullBackOff for image \"ghcr.io/telepath/telepath-server:broken\"", error.Message);
    }

    [Fact]
    public async Task A_user_who_may_not_create_cluster_roles_is_told_what_to_ask_for()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.Deny("create", "clusterroles.rbac.authorization.k8s.io");

        var error = await Assert.ThrowsAsync<UserErrorException>(() =>
            new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(), null, readyTimeout: Ready));

        Assert.Equal(
            "you are not allowed to create clusterroles cluster-wide (forbidden): ask your cluster admin for 'create' on clusterroles.rbac.authorization.k8s.io",
            error.Message);
    }

    // What an installation of a version before Kubernetes identity looks like: the manager's token
    // in a Secret, mounted by the manager's pod and named by --token-file.
    private static async Task InstallBeforeKubernetesIdentityAsync(TestCluster cluster)
    {
        await new ManagerInstaller(cluster.Client).EnsureInstalledAsync(new ManagerInstallOptions(Tag: "v0.0.9"), null, readyTimeout: Ready);
        await CreateTokenSecretAsync(cluster);
        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        var pod = deployment.Spec.Template.Spec;
        pod.Volumes.Add(new V1Volume { Name = "token", Secret = new V1SecretVolumeSource { SecretName = "telepath-manager-token" } });
        pod.Containers[0].VolumeMounts.Add(new V1VolumeMount { Name = "token", MountPath = "/var/run/secrets/telepath", ReadOnlyProperty = true });
        pod.Containers[0].Args = [.. pod.Containers[0].Args, "--token-file", "/var/run/secrets/telepath/token"];
        await cluster.Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "telepath-manager", "telepath");
    }

    private static async Task<string?> LegacyTokenAsync(TestCluster cluster)
    {
        var secrets = await cluster.Client.CoreV1.ListNamespacedSecretAsync("telepath", fieldSelector: "metadata.name=telepath-manager-token");
        return secrets.Items.SingleOrDefault()?.Data?["token"] is { } token ? System.Text.Encoding.UTF8.GetString(token).Trim() : null;
    }

    private static Task CreateTokenSecretAsync(TestCluster cluster) =>
        cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "telepath-manager-token" },
                Data = new Dictionary<string, byte[]> { ["token"] = "old-shared-token\n"u8.ToArray() },
            },
            "telepath");
}
