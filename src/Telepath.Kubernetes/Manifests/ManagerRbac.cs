using k8s.Models;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// The least the manager needs: to read services, pods and namespaces everywhere (for cluster
/// DNS and addresses). It changes nothing; the CLI patches workloads with the user's own rights.
/// </summary>
public static class ManagerRbac
{
    public static V1ClusterRole ClusterRole(string @namespace, string version) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = ManagerManifests.Meta(ManagerNames.ClusterRole(@namespace), null, ManagerLabels.Manager(version)),
        Rules =
        [
            new V1PolicyRule
            {
                ApiGroups = [""],
                Resources = ["services", "pods", "namespaces"],
                Verbs = ["get", "list", "watch"],
            },
        ],
    };

    public static V1ClusterRoleBinding ClusterRoleBinding(string @namespace, string version) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = ManagerManifests.Meta(ManagerNames.ClusterRole(@namespace), null, ManagerLabels.Manager(version)),
        RoleRef = new V1RoleRef
        {
            ApiGroup = "rbac.authorization.k8s.io",
            Kind = "ClusterRole",
            Name = ManagerNames.ClusterRole(@namespace),
        },
        Subjects =
        [
            new Rbacv1Subject { Kind = "ServiceAccount", Name = ManagerNames.Manager, NamespaceProperty = @namespace },
        ],
    };
}
