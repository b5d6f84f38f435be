using System.Net;

namespace Telepath.Kubernetes.Testing;

/// <summary>How a <see cref="SimulatedCluster"/> starts. The defaults suit a test; the bench keeps its files and records its processes.</summary>
public sealed record SimulatedClusterOptions
{
    public const string DefaultContextName = "telepath-test";

    /// <summary>
    /// The folder of the kubeconfig, the token files (projected ones under kubelet/) and the container
    /// logs, created if missing and left in place. Null: a new temporary folder, deleted with the cluster.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>The kubeconfig's context (and cluster and user) name, which `telepath connect` prints.</summary>
    public string ContextName { get; init; } = DefaultContextName;

    /// <summary>
    /// The first pod address. Null: a pod network of its own per cluster and test process
    /// (127.20-219.x.1), so clusters of parallel tests do not hand out the same addresses.
    /// </summary>
    public IPAddress? FirstPodIp { get; init; }

    /// <summary>The telepath-server assembly the manager and agent containers run; null: <see cref="Telepath.Testing.Processes.Executables.ServerDll"/>.</summary>
    public string? ServerDll { get; init; }

    /// <summary>Told the id of each container process as soon as it runs, e.g. to kill it after a killed run.</summary>
    public Action<int>? ProcessStarted { get; init; }

    /// <summary>Whether each container process's output is written to DIRECTORY/POD-CONTAINER.log when it stops.</summary>
    public bool ContainerLogs { get; init; }
}
