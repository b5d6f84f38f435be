using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>What status says of transparent networking: on, or off and why, with what it redirects and answers.</summary>
/// <param name="DnsVia">How the laptop's resolver reaches Telepath's: "systemd-resolved, link telepath0" or "/etc/resolv.conf".</param>
/// <param name="Routes">The routes the helper added on Telepath's link for ranges no route covered.</param>
public sealed record NetworkStatus(
    bool On,
    string Reason,
    ProxyRanges Ranges,
    IReadOnlyList<string> DnsDomains,
    IReadOnlyList<string> DnsSearch,
    IReadOnlyList<Protocol.Daemon.RouteConflict> Conflicts,
    string DnsVia = "",
    IReadOnlyList<OwnRoute>? Routes = null)
{
    public const string Enabled = "networking to the cluster is enabled";

    public static NetworkStatus Off(string reason) => new(false, reason, ProxyRanges.Empty, [], [], []);

    public void WriteTo(StatusReply reply)
    {
        reply.ProxyOn = On;
        reply.ProxyReason = Reason;
        reply.ProxyRanges.AddRange(Ranges.Proxied);
        reply.NeverProxied.AddRange(Ranges.Never);
        reply.DnsDomains.AddRange(DnsDomains);
        reply.DnsSearch.AddRange(DnsSearch);
        reply.RouteConflicts.AddRange(Conflicts);
        reply.DnsVia = DnsVia;
        reply.AddedRoutes.AddRange((Routes ?? []).Select(route => new AddedRoute { Cidr = route.Cidr, Device = route.Device, Reason = route.Why }));
    }
}
