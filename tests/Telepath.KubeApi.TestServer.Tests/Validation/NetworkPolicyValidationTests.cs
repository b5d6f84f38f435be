using k8s.Models;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Validation;

public class NetworkPolicyValidationTests
{
    [Fact]
    public void A_policy_admitting_labelled_pods_of_every_namespace_to_a_named_port_is_accepted()
    {
        Admit.Accepts(ResourceCatalog.NetworkPolicies, Policy(
            new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector(), PodSelector = Labels("telepath.io/agent", "injected") },
            new V1NetworkPolicyPort { Port = "grpc" }));
    }

    [Fact]
    public void An_empty_peer_a_bad_protocol_and_an_unknown_policy_type_are_refused_in_the_apiservers_order()
    {
        var policy = Policy(new V1NetworkPolicyPeer(), new V1NetworkPolicyPort { Port = 8081, Protocol = "ICMP" });
        policy.Spec.PolicyTypes = ["Both"];

        var message = Admit.Refuses(ResourceCatalog.NetworkPolicies, policy);

        Assert.Equal(
            "NetworkPolicy.networking.k8s.io \"telepath-manager\" is invalid: [spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\", spec.ingress[0].from[0]: Required value: must specify a peer, spec.policyTypes[0]: Unsupported value: \"Both\": supported values: \"Ingress\", \"Egress\"]",
            message);
    }

    [Fact]
    public void An_ip_block_beside_a_selector_and_a_port_name_too_long_are_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.NetworkPolicies, Policy(
            new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "10.0.0.0/8" }, PodSelector = new V1LabelSelector() },
            new V1NetworkPolicyPort { Port = "telepath-manager-grpc" }));

        Assert.Equal(
            "NetworkPolicy.networking.k8s.io \"telepath-manager\" is invalid: [spec.ingress[0].ports[0].port: Invalid value: \"telepath-manager-grpc\": must be no more than 15 characters, spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer]",
            message);
    }

    [Fact]
    public void A_label_value_a_selector_cannot_hold_is_refused()
    {
        var message = Admit.Refuses(ResourceCatalog.NetworkPolicies, Policy(
            new V1NetworkPolicyPeer { PodSelector = Labels("telepath.io/agent", "not a value") },
            new V1NetworkPolicyPort { Port = 8081 }));

        Assert.StartsWith(
            "NetworkPolicy.networking.k8s.io \"telepath-manager\" is invalid: spec.ingress[0].from[0].podSelector.matchLabels: Invalid value: \"not a value\": a valid label must be",
            message);
    }

    private static V1LabelSelector Labels(string key, string value) => new() { MatchLabels = new Dictionary<string, string> { [key] = value } };

    private static V1NetworkPolicy Policy(V1NetworkPolicyPeer peer, V1NetworkPolicyPort port) => new()
    {
        Metadata = new V1ObjectMeta { Name = "telepath-manager", NamespaceProperty = "telepath" },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = Labels("app.kubernetes.io/name", "telepath-manager"),
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [peer], Ports = [port] }],
        },
    };
}
