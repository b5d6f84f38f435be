using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Client;

public class NetworkPolicyTests
{
    [Fact]
    public async Task A_network_policy_is_served_created_with_the_apiservers_defaults_read_listed_and_deleted()
    {
        await using var cluster = await TestCluster.StartAsync();
        var policy = new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "telepath-manager" },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "telepath-manager" } },
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector() }], Ports = [new V1NetworkPolicyPort { Port = "grpc" }] }],
            },
        };

        var resources = await cluster.Client.NetworkingV1.GetAPIResourcesAsync();
        await cluster.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, "default");
        var read = await cluster.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("telepath-manager", "default");
        var listed = await cluster.Client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync();
        await cluster.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("telepath-manager", "default");
        var left = await cluster.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("default");

        var served = Assert.Single(resources.Resources, r => r.Name == "networkpolicies");
        Assert.Equal(("NetworkPolicy", true), (served.Kind, served.Namespaced));
        Assert.Equal(["netpol"], served.ShortNames);
        Assert.Equal(("networking.k8s.io/v1", 1L), (read.ApiVersion, read.Metadata.Generation));
        Assert.Equal(["Ingress"], read.Spec.PolicyTypes);
        Assert.Equal("TCP", read.Spec.Ingress[0].Ports[0].Protocol);
        Assert.Equal("grpc", read.Spec.Ingress[0].Ports[0].Port.Value);
        Assert.Empty(read.Spec.Ingress[0].FromProperty[0].NamespaceSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal("telepath-manager", Assert.Single(listed.Items).Metadata.Name);
        Assert.Empty(left.Items);
    }
}
