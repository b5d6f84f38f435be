namespace Telepath.KubeApi.TestServer.Discovery;

/// <summary>
/// The fixed set of resources this server knows; everything else is a 404 like an unknown CRD.
/// Which of them a server serves is its <see cref="ServedResources"/>.
/// </summary>
public static class ResourceCatalog
{
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "Namespace", false, ["ns"], HasStatus: true);
    public static readonly ResourceType Nodes = new("", "v1", "nodes", "Node", false, ["no"], HasStatus: true);
    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod", true, ["po"], HasStatus: true);
    public static readonly ResourceType Services = new("", "v1", "services", "Service", true, ["svc"], HasStatus: true);
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "Secret", true, []);
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true, ["cm"]);
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount", true, ["sa"]);
    public static readonly ResourceType Events = new("", "v1", "events", "Event", true, ["ev"]);
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "Deployment", true, ["deploy"], HasStatus: true, HasGeneration: true);
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"], HasStatus: true, HasGeneration: true);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "statefulsets", "StatefulSet", true, ["sts"], HasStatus: true, HasGeneration: true);
    public static readonly ResourceType Ingresses = new("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["ing"], HasStatus: true, HasGeneration: true);

    /// <summary>Stored and validated, not enforced: pods here are local processes that any other can reach.</summary>
    public static readonly ResourceType NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, ["netpol"], HasGeneration: true);

    /// <summary>Served only when <see cref="KubeApiServerOptions.ServeServiceCidrs"/> says so (Kubernetes 1.33+).</summary>
    public static readonly ResourceType ServiceCidrs = new("networking.k8s.io", "v1", "servicecidrs", "ServiceCIDR", false, [], HasStatus: true);
    public static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true, []);
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, []);
    public static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, []);
    public static readonly ResourceType ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, []);

    public static readonly ResourceType TokenReviews = new("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", false, [], CreateOnly: true);
    public static readonly ResourceType SubjectAccessReviews = new("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false, [], CreateOnly: true);
    public static readonly ResourceType SelfSubjectAccessReviews = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, [], CreateOnly: true);

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespaces, Nodes, Pods, Services, Secrets, ConfigMaps, ServiceAccounts, Events,
        Deployments, ReplicaSets, StatefulSets,
        Ingresses, NetworkPolicies, ServiceCidrs,
        Roles, RoleBindings, ClusterRoles, ClusterRoleBindings,
        TokenReviews, SubjectAccessReviews, SelfSubjectAccessReviews,
    ];

    public static IEnumerable<string> GroupVersions => All.Select(t => t.GroupVersion).Distinct();

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public static ResourceType? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(t => t.GroupVersion == apiVersion && t.Kind == kind);
}
