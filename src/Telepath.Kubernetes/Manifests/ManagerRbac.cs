using k8s.Models;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// The least the manager needs: to read services, pods and namespaces everywhere (for cluster
/// DNS and addresses), and the cluster's address ranges: list and watch of Nodes (their podCIDRs)
/// and ServiceCIDRs, and, in its own namespace only, create on Services, for the dry-run that makes
/// an API server without ServiceCIDRs name its service range (docs/outbound.md, "Ranges"); a dry
/// run stores nothing. It changes nothing else; the CLI patches workloads with the user's own rights.
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
            new V1PolicyRule
            {
                ApiGroups = [""],
                Resources = ["nodes"],
                Verbs = ["list", "watch"],
            },
            new V1PolicyRule
            {
                ApiGroups = ["networking.k8s.io"],
                Resources = ["servicecidrs"],
                Verbs = ["list", "watch"],
            },
        ],
    };

    /// <summary>In the manager's namespace: create on Services, which a server-side dry run needs as much as a real create.</summary>
    public static V1Role Role(string @namespace, string version) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = ManagerManifests.Meta(ManagerNames.Manager, @namespace, ManagerLabels.Manager(version)),
        Rules =
        [
            new V1PolicyRule
            {
                ApiGroups = [""],
                Resources = ["services"],
                Verbs = ["create"],
            },
        ],
    };

    public static V1RoleBinding RoleBinding(string @namespace, string version) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = ManagerManifests.Meta(ManagerNames.Manager, @namespace, ManagerLabels.Manager(version)),
        RoleRef = new V1RoleRef
        {
            ApiGroup = "rbac.authorization.k8s.io",
            Kind = "Role",
            Name = ManagerNames.Manager,
        },
        Subjects =
        [
            new Rbacv1Subject { Kind = "ServiceAccount", Name = ManagerNames.Manager, NamespaceProperty = @namespace },
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
