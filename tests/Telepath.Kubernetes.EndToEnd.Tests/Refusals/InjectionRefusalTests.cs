using k8s;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Refusals;

public sealed class InjectionRefusalTests
{
    [Fact]
    public async Task An_agent_image_that_cannot_be_pulled_is_rolled_back_naming_ImagePullBackOff()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "8080");
        var template = await StoredObjects.TemplateAsync(cluster.Client, "orders");
        var ports = await StoredObjects.ServicePortsAsync(cluster.Client, "orders");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("connect");

        // The manager runs already; from now on its image (which the agent shares) cannot be pulled.
        cluster.UnpullableImages.Add("*telepath-server*");
        var result = await laptop.RunAsync("intercept", "orders", "--port", "8080", "--timeout", "30s");

        Assert.Equal(1, result.ExitCode);
        var error = result.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("telepath: the traffic agent could not start in deployment \"orders\": ", error);
        Assert.Contains("ImagePullBackOff", error);
        Assert.EndsWith("deployment \"orders\" was put back as it was", error);
        Assert.Equal(template, await StoredObjects.TemplateAsync(cluster.Client, "orders"));
        Assert.Equal(ports, await StoredObjects.ServicePortsAsync(cluster.Client, "orders"));
    }

    [Fact]
    public async Task A_refused_patch_names_verb_resource_and_namespace_and_changes_nothing()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "8080");
        var template = await StoredObjects.TemplateAsync(cluster.Client, "orders");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await laptop.MustRunAsync("connect");
        cluster.Server.Deny("patch", "deployments", "default");

        var result = await laptop.RunAsync("intercept", "orders", "--port", "8080");

        Assert.Equal(1, result.ExitCode);
        var error = result.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("telepath: you are not allowed to patch deployments in namespace \"default\"", error);
        Assert.Equal(template, await StoredObjects.TemplateAsync(cluster.Client, "orders"));
        Assert.Empty((await cluster.Client.CoreV1.ListNamespacedSecretAsync("default")).Items);
    }
}
