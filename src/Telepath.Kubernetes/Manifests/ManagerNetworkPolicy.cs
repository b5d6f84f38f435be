using k8s.Models;
using Telepath.Kubernetes.Injection;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// Admits to the manager's gRPC port only the pods the injection labelled as carrying an agent, in
/// any namespace: a pod that is no agent cannot even open a connection to try a token. Laptops are
/// not affected: their port-forward reaches the pod through the API server and the kubelet, which
/// connects inside the pod's own network namespace, where no NetworkPolicy applies. Nor is the
/// readiness probe, which comes from the pod's node. A cluster whose network plugin does not
/// enforce NetworkPolicy ignores it; the manager still checks every caller's token.
/// </summary>
public static class ManagerNetworkPolicy
{
    public static V1NetworkPolicy Build(string @namespace, string version) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = ManagerManifests.Meta(ManagerNames.Manager, @namespace, ManagerLabels.Manager(version)),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = ManagerLabels.Selector() },
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    // One peer with both selectors: pods with the label, in every namespace.
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = new V1LabelSelector(),
                            PodSelector = new V1LabelSelector { MatchLabels = AgentTemplate.AgentLabels() },
                        },
                    ],
                    Ports = [new V1NetworkPolicyPort { Port = ManagerNames.GrpcPortName, Protocol = "TCP" }],
                },
            ],
        },
    };
}
