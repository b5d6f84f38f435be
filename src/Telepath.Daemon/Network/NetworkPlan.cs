using System.Net;

namespace Telepath.Daemon.Network;

/// <summary>A validated apply request: what the nftables table and the resolv.conf block are built from.</summary>
public sealed record NetworkPlan(
    IReadOnlyList<IPNetwork> ClusterRanges,
    IReadOnlyList<IPNetwork> NeverRanges,
    int ProxyPort,
    int DnsPort,
    IPAddress DnsAddress,
    IReadOnlyList<string> SearchDomains);
