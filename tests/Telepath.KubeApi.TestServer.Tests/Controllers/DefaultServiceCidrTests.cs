using System.Net;
using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Controllers;

public class DefaultServiceCidrTests
{
    [Fact]
    public async Task A_1_33_server_starts_with_the_ready_ServiceCIDR_kubernetes_holding_its_service_range()
    {
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { ServiceCidr = IPNetwork.Parse("10.43.0.0/16") });

        var list = await cluster.Client.NetworkingV1.ListServiceCIDRAsync();

        var kubernetes = Assert.Single(list.Items);
        Assert.Equal("kubernetes", kubernetes.Name());
        Assert.Equal(["10.43.0.0/16"], kubernetes.Spec.Cidrs);
        var ready = Assert.Single(kubernetes.Status.Conditions);
        Assert.Equal(("Ready", "True", "Kubernetes default Service CIDR is ready"), (ready.Type, ready.Status, ready.Message));
    }
}
