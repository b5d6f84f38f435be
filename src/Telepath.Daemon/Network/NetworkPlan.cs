using System.Net;

namespace Telepath.Daemon.Network;

/// <summary>A validated apply request: what the nftables table and the resolver settings are built from.</summary>
public sealed record NetworkPlan(
    IReadOnlyList<IPNetwork> ClusterRanges,
    IReadOnlyList<IPNetwork> NeverRanges,
    int ProxyPort,
    int DnsPort,
    IPAddress DnsAddress,
    IReadOnlyList<string> SearchDomains,
    IReadOnlyList<string> RouteDomains);
