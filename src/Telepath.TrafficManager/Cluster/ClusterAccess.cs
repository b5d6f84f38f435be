using k8s;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// How the manager reaches the Kubernetes API: in a pod through its service account, else through
/// the kubeconfig that KUBECONFIG names (the simulated cluster's manager process), else not at all
/// (direct mode), in which case it has no view of the cluster.
/// </summary>
public sealed class ClusterAccess
{
    private readonly Func<KubernetesClientConfiguration>? _configuration;

    private ClusterAccess(Func<KubernetesClientConfiguration>? configuration, string description)
    {
        _configuration = configuration;
        Description = description;
    }

    public static ClusterAccess None { get; } = new(null, "none (direct mode)");

    public static ClusterAccess InCluster { get; } = new(KubernetesClientConfiguration.InClusterConfig, "in-cluster service account");

    /// <summary>Shown in the log, so that an operator can tell where the view comes from.</summary>
    public string Description { get; }

    public bool Enabled => _configuration is not null;

    public static ClusterAccess Kubeconfig(string path) =>
        new(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path), $"kubeconfig {path}");

    /// <param name="environment">Reads an environment variable; the process environment when null.</param>
    public static ClusterAccess FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")) && KubernetesClientConfiguration.IsInCluster())
        {
            return InCluster;
        }

        // KUBECONFIG may list several files, as kubectl allows; the first that exists is used.
        var kubeconfig = environment("KUBECONFIG")?
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(File.Exists);
        return kubeconfig is not null ? Kubeconfig(kubeconfig) : None;
    }

    /// <summary>The client configuration; throws when the kubeconfig or the service account cannot be read.</summary>
    public KubernetesClientConfiguration Configuration() =>
        _configuration?.Invoke() ?? throw new InvalidOperationException("the manager has no access to the cluster");

    public override string ToString() => Description;
}
