namespace Telepath.Kubernetes.Manifests;

/// <summary>The names of what install creates; the agents and the daemon find the manager by them.</summary>
public static class ManagerNames
{
    public const string DefaultNamespace = "telepath";
    public const string Manager = "telepath-manager";
    public const string GrpcPortName = "grpc";
    public const int GrpcPort = 8081;

    /// <summary>The Role, in the manager's namespace, of what a laptop needs there; administrators bind it.</summary>
    public const string ClientRole = "telepath-client";

    /// <summary>The Secret of the token versions before Kubernetes identity shared with laptops and agents.</summary>
    public const string LegacyTokenSecret = "telepath-manager-token";

    public const string LegacyTokenKey = "token";

    /// <summary>
    /// Cluster-scoped RBAC objects carry the namespace in their name, so that two installations
    /// in two namespaces do not fight over one ClusterRole.
    /// </summary>
    public static string ClusterRole(string @namespace) => $"{Manager}-{@namespace}";

    /// <summary>The manager's address inside the cluster, as agents dial it.</summary>
    public static string Address(string @namespace) => $"{Manager}.{@namespace}:{GrpcPort}";
}
