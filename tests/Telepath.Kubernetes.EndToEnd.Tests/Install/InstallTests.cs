using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Install;

public sealed class InstallTests
{
    [Fact]
    public async Task Connect_reports_a_manager_of_another_version_and_install_upgrade_replaces_it()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("install", "--tag", "v0.0.9");

        var connect = await laptop.MustRunAsync("connect");
        await laptop.MustRunAsync("quit");
        var upgrade = await laptop.MustRunAsync("install", "--upgrade");

        Assert.Contains("is v0.0.9, not v", connect.Stderr);
        Assert.Contains("\"telepath install --upgrade\" replaces it", connect.Stderr);
        Assert.StartsWith("Traffic manager v", upgrade.Stdout);
        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        Assert.NotEqual("v0.0.9", deployment.Metadata.Labels["app.kubernetes.io/version"]);
        Assert.EndsWith(":" + deployment.Metadata.Labels["app.kubernetes.io/version"], deployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Install_takes_registry_and_tag_from_the_config_file_and_flags_win()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        Directory.CreateDirectory(Path.Combine(laptop.Home, ".config", "telepath"));
        await File.WriteAllTextAsync(
            Path.Combine(laptop.Home, ".config", "telepath", "config.yml"),
            "images:\n  registry: registry.example.com/team\n  tag: v0.1.0\n");

        await laptop.MustRunAsync("install");
        var manifests = await laptop.MustRunAsync("manifests", "--tag", "v2.0.0");

        var deployment = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        Assert.Equal("registry.example.com/team/telepath-server:v0.1.0", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Contains("image: registry.example.com/team/telepath-server:v2.0.0", manifests.Stdout);
        Assert.Contains("kind: Namespace", manifests.Stdout);
        Assert.Contains("\n---\n", manifests.Stdout);
    }

    [Fact]
    public async Task An_intercept_after_install_upgrade_upgrades_the_injected_agent_in_place()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("install", "--tag", "v0.0.9");
        await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        await laptop.MustRunAsync("quit");
        var original = await StoredObjects.AnnotationsAsync(cluster.Client, "orders");

        await laptop.MustRunAsync("install", "--upgrade");
        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());

        var manager = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("telepath-manager", "telepath");
        var managerImage = manager.Spec.Template.Spec.Containers[0].Image;
        Assert.Contains($"upgrading the traffic agent of deployment \"orders\" from {managerImage[..managerImage.LastIndexOf(':')]}:v0.0.9 to {managerImage}", intercept.Stderr);
        Assert.Contains("State         : ACTIVE", intercept.Stdout);
        var orders = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("orders", "default");
        Assert.Equal(managerImage, orders.Spec.Template.Spec.Containers.Single(c => c.Name == "telepath-agent").Image);
        Assert.Equal(original!["telepath.io/original-template"], orders.Metadata.Annotations["telepath.io/original-template"]);
    }
}
