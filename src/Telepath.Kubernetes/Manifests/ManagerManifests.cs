using k8s;
using k8s.Models;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// The objects of a manager installation, typed and in the order they must be created: the
/// namespace first, then who the manager is and what it and its clients may do, who may connect
/// to it (before there is a pod to connect to), and last the Deployment and the Service. There is
/// no token: agents show their pods' service-account tokens, laptops come through the API server.
/// </summary>
public static class ManagerManifests
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(ManagerInstallOptions options)
    {
        var ns = options.Namespace;
        var version = options.EffectiveTag;
        return
        [
            new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = Meta(ns, null, ManagerLabels.Common(version)) },
            new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(ManagerNames.Manager, ns, ManagerLabels.Manager(version)) },
            ManagerRbac.ClusterRole(ns, version),
            ManagerRbac.ClusterRoleBinding(ns, version),
            ManagerRbac.Role(ns, version),
            ManagerRbac.RoleBinding(ns, version),
            ManagerRbac.ClientRole(ns, version),
            ManagerNetworkPolicy.Build(ns, version),
            ManagerDeployment.Build(options),
            new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = Meta(ManagerNames.Manager, ns, ManagerLabels.Manager(version)),
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",
                    Selector = ManagerLabels.Selector(),
                    Ports =
                    [
                        new V1ServicePort
                        {
                            Name = ManagerNames.GrpcPortName,
                            Port = ManagerNames.GrpcPort,
                            TargetPort = ManagerNames.GrpcPortName,
                            Protocol = "TCP",
                            AppProtocol = "kubernetes.io/h2c",
                        },
                    ],
                },
            },
        ];
    }

    internal static V1ObjectMeta Meta(string name, string? @namespace, IDictionary<string, string> labels) =>
        new() { Name = name, NamespaceProperty = @namespace, Labels = labels };
}
