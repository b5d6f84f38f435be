using System.Net;
using System.Net.Sockets;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>
/// Which IPv4 ranges go to the cluster and which never do: the cluster's own (learned by the
/// manager, each with where it learned it) plus --also-proxy, minus --never-proxy and the
/// addresses the daemon itself reaches the cluster through (the API server, or the manager in
/// direct mode), which would loop otherwise. The cluster's IPv6 ranges are not redirected yet.
/// </summary>
public sealed record ProxyRanges(IReadOnlyList<ProxyRange> Proxied, IReadOnlyList<ProxyRange> Never)
{
    public const string Services = "services";
    public const string Pods = "pods";
    public const string AlsoProxy = "--also-proxy";
    public const string NeverProxy = "--never-proxy";
    public const string ApiServer = "API server";
    public const string Manager = "traffic manager";

    public static ProxyRanges Empty { get; } = new([], []);

    /// <param name="throughAddresses">The addresses the daemon's own connection to the cluster goes to.</param>
    /// <param name="throughSource">What those addresses are, for status: <see cref="ApiServer"/> or <see cref="Manager"/>.</param>
    public static ProxyRanges From(ClusterInfo cluster, IEnumerable<string> also, IEnumerable<string> never, IEnumerable<IPAddress> throughAddresses, string throughSource)
    {
        var proxied = new List<ProxyRange>();
        // A cluster that names a range the helper refuses (its loopback, say) loses that range, not the whole redirect;
        // the user's own --also-proxy goes to the helper as it is, so a bad one is refused with why.
        if (cluster.Ranges.Count > 0)
        {
            foreach (var range in cluster.Ranges.Where(r => Redirectable(r.Cidr)))
            {
                Add(proxied, [range.Cidr], RangeSource.Of(range));
            }
        }
        else
        {
            // A manager older than ClusterInfo.ranges says only which ranges are whose.
            Add(proxied, cluster.ServiceCidrs.Where(Redirectable), Services);
            Add(proxied, cluster.PodCidrs.Where(Redirectable), Pods);
        }

        Add(proxied, also, AlsoProxy);
        var excluded = new List<ProxyRange>();
        Add(excluded, never, NeverProxy);
        foreach (var address in throughAddresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Distinct())
        {
            if (proxied.Any(r => IPNetwork.Parse(r.Cidr).Contains(address)))
            {
                excluded.Add(new ProxyRange { Cidr = new IPNetwork(address, 32).ToString(), Source = throughSource });
            }
        }

        return new ProxyRanges(proxied, excluded);
    }

    private static bool Redirectable(string cidr) =>
        !IPNetwork.TryParse(cidr, out var range) || range.BaseAddress.AddressFamily != AddressFamily.InterNetwork || RedirectableRange.WhyNot(range) is null;

    private static void Add(List<ProxyRange> ranges, IEnumerable<string> cidrs, string source)
    {
        foreach (var text in cidrs)
        {
            // The manager and the CLI both validated these; a range that still does not parse is skipped, never guessed at.
            if (IPNetwork.TryParse(text, out var range) && range.BaseAddress.AddressFamily == AddressFamily.InterNetwork
                && !ranges.Any(r => r.Cidr == range.ToString()))
            {
                ranges.Add(new ProxyRange { Cidr = range.ToString(), Source = source });
            }
        }
    }
}
