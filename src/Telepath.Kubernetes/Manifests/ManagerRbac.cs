using k8s.Models;

namespace Telepath.Kubernetes.Manifests;

/// <summary>
/// The least the manager needs: to read services, pods and namespaces everywhere (for cluster
/// DNS and addresses), and the cluster's address ranges: list and watch of Nodes (their podCIDRs)
/// and ServiceCIDRs, and, in its own namespace only, create on Services, for the dry-run that makes
/// an API server without ServiceCIDRs name its service range (docs/outbound.md, "Ranges"); a dry
/// run stores nothing. For identity (docs/security.md): create on TokenReviews, to check an agent's
/// projected token, and get on Deployments, ReplicaSets and StatefulSets, to follow the agent's pod
/// up its owners to the workload it serves and to read the claim a laptop wrote on a workload.
/// It changes nothing; the CLI patches workloads with the user's own rights.
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
            new V1PolicyRule
            {
                ApiGroups = ["authentication.k8s.io"],
                Resources = ["tokenreviews"],
                Verbs = ["create"],
            },
            new V1PolicyRule
            {
                ApiGroups = ["apps"],
                Resources = ["deployments", "replicasets", "statefulsets"],
                Verbs = ["get"],
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

    /// <summary>
    /// In the manager's namespace, what a laptop needs there and no more: to find the manager's
    /// ready pod, to port-forward to it (a WebSocket port-forward is a GET, and API servers that
    /// check upgrades as creates want create too), and to read the manager's Deployment, whose
    /// image the agents run. Not bound: administrators bind their users or groups to it. What a
    /// laptop does in the workloads' namespaces (patch workloads and Services) is theirs to grant.
    /// </summary>
    public static V1Role ClientRole(string @namespace, string version) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = ManagerManifests.Meta(ManagerNames.ClientRole, @namespace, ManagerLabels.Manager(version)),
        Rules =
        [
            new V1PolicyRule
            {
                ApiGroups = [""],
                Resources = ["pods"],
                Verbs = ["get", "list", "watch"],
            },
            new V1PolicyRule
            {
                ApiGroups = [""],
                Resources = ["pods/portforward"],
                Verbs = ["get", "create"],
            },
            new V1PolicyRule
            {
                ApiGroups = ["apps"],
                Resources = ["deployments"],
                ResourceNames = [ManagerNames.Manager],
                Verbs = ["get"],
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
