using Telepath.Daemon.Intercepts;

namespace Telepath.Daemon.Sessions;

/// <param name="Address">The manager's HOST:PORT (direct mode; in Kubernetes mode its in-cluster name).</param>
/// <param name="Token">Its bearer token (direct mode); null in Kubernetes mode, where the port-forward that reaches it is the credential.</param>
/// <param name="Namespace">Where intercepts and the workload list look.</param>
/// <param name="ClientName">"user@host", shown to others as the holder of an intercept.</param>
public sealed record ConnectionOptions(string Address, string? Token, string Namespace, string ClientName)
{
    public const string DefaultNamespace = "default";

    /// <summary>How long a call to the manager may take before the user hears it is unreachable.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long leaving waits for the intercept's tunnels to finish.</summary>
    public TimeSpan LeaveGrace { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RemainInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Writes the manager's claims with the user's own credentials (Kubernetes mode); null in direct mode,
    /// where the manager asks for none.
    /// </summary>
    public IWorkloadClaimWriter? Claims { get; init; }

    /// <summary>Whether to follow the manager's view of the cluster (names and ranges): only transparent networking needs it.</summary>
    public bool WatchCluster { get; init; }

    /// <summary>Replaces the TCP dial to <see cref="Address"/>: in Kubernetes mode, a port-forward to the manager's pod.</summary>
    public Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? Dial { get; init; }

    /// <summary>The Context line of status: "direct (HOST:PORT)", or "CONTEXT (SERVER)".</summary>
    public string ContextDisplay { get; init; } = $"direct ({Address})";

    /// <summary>The Manager line of status: HOST:PORT, or "NAMESPACE/NAME".</summary>
    public string ManagerDisplay { get; init; } = Address;

    /// <summary>Where intercepts' volumes are mounted by default, one directory per intercept.</summary>
    public string MountsRoot { get; init; } = DaemonPaths.FromEnvironment().MountsDirectory;

    public static string DefaultClientName() => $"{Environment.UserName}@{System.Net.Dns.GetHostName()}";
}
