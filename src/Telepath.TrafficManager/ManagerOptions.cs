using System.Net;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager;

/// <param name="Listen">Where the gRPC API listens (cleartext HTTP/2).</param>
/// <param name="Token">
/// Direct mode: the bearer token every caller must carry, laptop or agent alike. Null: the manager trusts
/// what Kubernetes vouches for instead (docs/security.md): agents by their pods' projected tokens, laptops
/// by the port-forward that reached it and, per intercept, a claim written with their own credentials.
/// </param>
public sealed record ManagerOptions(IPEndPoint Listen, string? Token)
{
    /// <summary>
    /// Without a token, where a caller without a bearer token must come from to be a laptop: the pod's
    /// loopback, which only a port-forward reaches.
    /// </summary>
    public IReadOnlyList<IPNetwork> ClientSources { get; init; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>A session that sends no Remain for this long is gone, with its intercepts.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a laptop may be silent (a closed lid, a dead link: no frame, not even a PING's answer)
    /// before its intercepts fail open. The manager pings every connection that has been quiet for half
    /// of it and drops the connection when the other half passes without an answer.
    /// </summary>
    public TimeSpan LaptopSilence { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many standby tunnels one intercept's laptop may keep parked at once.</summary>
    public int MaxStandbysPerIntercept { get; init; } = 64;

    /// <summary>How many volume standby tunnels one agent session may keep parked at once.</summary>
    public int MaxVolumeStandbysPerAgent { get; init; } = 4;

    /// <summary>
    /// How long a laptop's volumes tunnel waits for an agent's volume standby when none is parked: an
    /// agent that has just started (or just served one) parks its next within moments.
    /// </summary>
    public TimeSpan VolumeStandbyWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the manager tries to connect to a laptop's outbound destination.</summary>
    public TimeSpan OutboundConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ranges the manager dials for laptops although <see cref="Outbound.OutboundPolicy"/> refuses them
    /// otherwise (loopback, link-local, the manager's own addresses): the administrator's choice.
    /// </summary>
    public IReadOnlyList<IPNetwork> OutboundAllowList { get; init; } = [];

    /// <summary>Where the manager reads Services, Pods and Namespaces; none in direct mode.</summary>
    public ClusterAccess Cluster { get; init; } = ClusterAccess.None;

    /// <summary>The resolver configuration whose search list names the cluster's DNS domain.</summary>
    public string ResolvConf { get; init; } = "/etc/resolv.conf";
}
