using System.Net;
using k8s;
using k8s.Autorest;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Discovery;

public class ServedResourcesTests
{
    [Fact]
    public async Task A_1_33_server_lists_servicecidrs_in_discovery_and_reports_1_33()
    {
        await using var cluster = await TestCluster.StartAsync();

        var resources = await cluster.Client.NetworkingV1.GetAPIResourcesAsync();
        var version = await cluster.Client.Version.GetCodeAsync();

        var serviceCidrs = Assert.Single(resources.Resources, r => r.Name == "servicecidrs");
        Assert.Equal(("ServiceCIDR", false), (serviceCidrs.Kind, serviceCidrs.Namespaced));
        Assert.Contains(resources.Resources, r => r.Name == "servicecidrs/status");
        Assert.Equal(("1", "33", "v1.33.0"), (version.Major, version.Minor, version.GitVersion));
    }

    [Fact]
    public async Task A_1_32_server_has_no_servicecidrs_in_discovery_and_answers_their_path_with_404()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { ServeServiceCidrs = false });

        var resources = await cluster.Client.NetworkingV1.GetAPIResourcesAsync();
        var version = await cluster.Client.Version.GetCodeAsync();
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.NetworkingV1.ListServiceCIDRAsync());

        Assert.DoesNotContain(resources.Resources, r => r.Name.StartsWith("servicecidrs", StringComparison.Ordinal));
        Assert.Contains(resources.Resources, r => r.Name == "ingresses");
        Assert.Equal("v1.32.0", version.GitVersion);
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Equal("the server could not find the requested resource", KubernetesJson.Deserialize<k8s.Models.V1Status>(error.Response.Content).Message);
    }

    [Fact]
    public async Task Nodes_are_in_the_core_discovery_as_cluster_scoped()
    {
        await using var cluster = await TestCluster.StartAsync();

        var resources = await cluster.Client.CoreV1.GetAPIResourcesAsync();

        var nodes = Assert.Single(resources.Resources, r => r.Name == "nodes");
        Assert.Equal(("Node", false), (nodes.Kind, nodes.Namespaced));
        Assert.Equal(["no"], nodes.ShortNames);
    }
}
