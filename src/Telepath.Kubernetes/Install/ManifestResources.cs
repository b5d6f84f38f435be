using k8s;
using k8s.Models;

namespace Telepath.Kubernetes.Install;

/// <summary>The RBAC resource name of each manifest kind, for refusals.</summary>
internal static class ManifestResources
{
    public static string Of(IKubernetesObject<V1ObjectMeta> item) => item switch
    {
        V1Namespace => "namespaces",
        V1ServiceAccount => "serviceaccounts",
        V1ClusterRole => "clusterroles.rbac.authorization.k8s.io",
        V1ClusterRoleBinding => "clusterrolebindings.rbac.authorization.k8s.io",
        V1Role => "roles.rbac.authorization.k8s.io",
        V1RoleBinding => "rolebindings.rbac.authorization.k8s.io",
        V1Secret => "secrets",
        V1Deployment => "deployments.apps",
        V1Service => "services",
        V1NetworkPolicy => "networkpolicies.networking.k8s.io",
        _ => item.Kind.ToLowerInvariant() + "s",
    };
}
