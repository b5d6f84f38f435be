namespace Telepath.Kubernetes.Manifests;

/// <summary>The names of what install creates; the agents and the daemon find the manager by them.</summary>
public static class ManagerNames
{
    public const string DefaultNamespace = "telepath";
    public const string Manager = "telepath-manager";
    public const string TokenSecret = "telepath-manager-token";
    public const string TokenKey = "token";
    public const string GrpcPortName = "grpc";
    public const int GrpcPort = 8081;
    public const string TokenMountPath = "/var/run/secrets/telepath";
    public const string TokenFile = TokenMountPath + "/" + TokenKey;

    /// <summary>
    /// Cluster-scoped RBAC objects carry the namespace in their name, so that two installations
    /// in two namespaces do not fight over one ClusterRole.
    /// </summary>
    public static string ClusterRole(string @namespace) => $"{Manager}-{@namespace}";

    /// <summary>The manager's address inside the cluster, as agents dial it.</summary>
    public static string Address(string @namespace) => $"{Manager}.{@namespace}:{GrpcPort}";
}
