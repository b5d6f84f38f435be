using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Auth;

public class NamespaceDenyTests
{
    [Fact]
    public async Task Denying_everything_in_a_namespace_to_one_user_refuses_them_every_resource_there_in_rbac_words()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "b" } });
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("orders"), "b");
        cluster.Server.Deny("*", "*", "b", "bob");
        using var bob = cluster.NewClientFor("bob");

        var list = await Assert.ThrowsAsync<HttpOperationException>(() => bob.ListNamespacedPodAsync("b"));
        var get = await Assert.ThrowsAsync<HttpOperationException>(() => bob.ReadNamespacedDeploymentAsync("orders", "b"));
        var create = await Assert.ThrowsAsync<HttpOperationException>(() => bob.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, "b"));

        Assert.Equal(HttpStatusCode.Forbidden, list.Response.StatusCode);
        Assert.Equal(
            "pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"b\"",
            KubernetesJson.Deserialize<V1Status>(list.Response.Content).Message);
        Assert.Equal(
            "deployments.apps \"orders\" is forbidden: User \"bob\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"b\"",
            KubernetesJson.Deserialize<V1Status>(get.Response.Content).Message);
        Assert.Equal(
            "configmaps is forbidden: User \"bob\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"b\"",
            KubernetesJson.Deserialize<V1Status>(create.Response.Content).Message);
    }

    [Fact]
    public async Task A_namespace_denied_to_one_user_stays_open_to_another_and_other_namespaces_stay_open_to_them()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "b" } });
        cluster.Server.Deny("*", "*", "b", "bob");
        using var bob = cluster.NewClientFor("bob");
        using var carol = cluster.NewClientFor("carol");

        var carolsPods = await carol.ListNamespacedPodAsync("b");
        var bobsPodsElsewhere = await bob.ListNamespacedPodAsync("default");
        var bobsNamespaces = await bob.ListNamespaceAsync();

        Assert.Empty(carolsPods.Items);
        Assert.Empty(bobsPodsElsewhere.Items);
        Assert.Contains(bobsNamespaces.Items, n => n.Metadata.Name == "b");
    }
}
