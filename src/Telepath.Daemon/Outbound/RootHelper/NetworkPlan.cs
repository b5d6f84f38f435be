using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>A validated apply request: what the nftables table and the resolver settings are built from.</summary>
/// <param name="UserId">Whose connections and DNS queries are redirected: the user of the daemon at the other end of the
/// helper's session, as the kernel names it (SO_PEERCRED), never a value the request carries.</param>
public sealed record NetworkPlan(
    IReadOnlyList<IPNetwork> ClusterRanges,
    IReadOnlyList<IPNetwork> NeverRanges,
    int ProxyPort,
    int DnsPort,
    IPAddress DnsAddress,
    IReadOnlyList<string> SearchDomains,
    IReadOnlyList<string> RouteDomains,
    uint UserId);
