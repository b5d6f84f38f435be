using System.Net;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager;

/// <param name="Listen">Where the gRPC API listens (cleartext HTTP/2).</param>
/// <param name="Token">The bearer token every call must carry.</param>
public sealed record ManagerOptions(IPEndPoint Listen, string Token)
{
    /// <summary>A session that sends no Remain for this long is gone, with its intercepts.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an agent's tunnel waits for the client to answer a dial.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the manager tries to connect to a laptop's outbound destination.</summary>
    public TimeSpan OutboundConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the manager reads Services, Pods and Namespaces; none in direct mode.</summary>
    public ClusterAccess Cluster { get; init; } = ClusterAccess.None;

    /// <summary>The resolver configuration whose search list names the cluster's DNS domain.</summary>
    public string ResolvConf { get; init; } = "/etc/resolv.conf";
}
