using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Client;

public class StatusErrorTests
{
    [Fact]
    public async Task Missing_deployment_is_404_with_the_real_status_body()
    {
        await using var cluster = await TestCluster.StartAsync();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.ReadNamespacedDeploymentAsync("x", "default"));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("deployments.apps \"x\" not found", status.Message);
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("apps", status.Details.Group);
        Assert.Equal("deployments", status.Details.Kind);
    }

    [Fact]
    public async Task Creating_twice_is_409_already_exists()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("AlreadyExists", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
    }

    [Fact]
    public async Task Container_without_image_is_422_invalid_naming_the_field()
    {
        await using var cluster = await TestCluster.StartAsync();
        var deployment = Manifests.Deployment("orders");
        deployment.Spec.Template.Spec.Containers[0].Image = null;

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => cluster.Client.CreateNamespacedDeploymentAsync(deployment, "default"));

        Assert.Equal(422, (int)error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Deployment.apps \"orders\" is invalid: spec.template.spec.containers[0].image: Required value", status.Message);
        Assert.Equal("spec.template.spec.containers[0].image", Assert.Single(status.Details.Causes).Field);
    }

    [Fact]
    public async Task Service_port_out_of_range_is_422()
    {
        await using var cluster = await TestCluster.StartAsync();
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "orders" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 70000 }] },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CreateNamespacedServiceAsync(service, "default"));

        Assert.Equal(422, (int)error.Response.StatusCode);
        Assert.Contains("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive", error.Response.Content);
    }

    [Fact]
    public async Task Denied_verb_is_403_worded_like_rbac()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "default");
        cluster.Server.Deny("patch", "deployments.apps", "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.PatchNamespacedDeploymentAsync(
            new V1Patch("{}", V1Patch.PatchType.MergePatch), "orders", "default"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal(
            "deployments.apps \"orders\" is forbidden: User \"alice\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"default\"",
            KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
        await cluster.Client.ReadNamespacedDeploymentAsync("orders", "default");
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.ExpireToken(KubeApiServerOptions.DefaultToken);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.ListNamespaceAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
        Assert.Equal("Unauthorized", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
    }
}
