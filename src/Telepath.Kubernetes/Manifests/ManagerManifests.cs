using System.Text;
using k8s;
using k8s.Models;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// The objects of a manager installation, typed and in the order they must be created: the
/// namespace first, then who the manager is and what it may do, its token, who may connect to
/// it (before there is a pod to connect to), and last the Deployment and the Service that use them.
/// </summary>
public static class ManagerManifests
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(ManagerInstallOptions options)
    {
        var token = options.Token is { Length: > 0 } given ? given
            : throw new ArgumentException("the manifests need the manager's token; call WithToken() first", nameof(options));
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
            new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Metadata = Meta(ManagerNames.TokenSecret, ns, ManagerLabels.Manager(version)),
                Type = "Opaque",
                Data = new Dictionary<string, byte[]> { [ManagerNames.TokenKey] = Encoding.UTF8.GetBytes(token) },
            },
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
