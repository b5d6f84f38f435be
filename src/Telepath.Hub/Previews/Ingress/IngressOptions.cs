using System.Net;
using System.Net.Sockets;

namespace Telepath.Hub.Previews.Ingress;

/// <summary>
/// Which ingresses a preview may name (`Hub:Ingress`). Nothing set: any public address. Host names or ranges in
/// <see cref="Hosts"/>/<see cref="Ranges"/>, or <see cref="ClusterServicesOnly"/>: only those.
/// </summary>
/// <param name="Hosts">Names allowed as written, or `*.example.com` for any name under example.com; lower case.</param>
/// <param name="Ranges">Address ranges allowed; the only way to allow loopback, link-local or the hub's own addresses.</param>
/// <param name="ClusterServicesOnly">Only cluster Service names (`NAME.NAMESPACE.svc`, `….svc.CLUSTER-DOMAIN`), for a hub in the cluster.</param>
/// <param name="ClusterDomain">The cluster's DNS domain, `cluster.local` unless the cluster says otherwise.</param>
public sealed record IngressOptions(
    IReadOnlyList<string> Hosts,
    IReadOnlyList<IPNetwork> Ranges,
    bool ClusterServicesOnly = false,
    string ClusterDomain = "cluster.local")
{
    public static IngressOptions Default { get; } = new([], []);

    /// <summary>Whether the administrator limited the ingresses at all.</summary>
    public bool Restricted => Hosts.Count > 0 || Ranges.Count > 0 || ClusterServicesOnly;

    /// <param name="entries">Host names, `*.` wildcards, addresses and CIDRs; an entry may hold several separated by commas or spaces.</param>
    /// <exception cref="InvalidOperationException">An entry is none of those.</exception>
    public static IngressOptions Allowing(IEnumerable<string> entries, bool clusterServicesOnly = false, string clusterDomain = "cluster.local")
    {
        var hosts = new List<string>();
        var ranges = new List<IPNetwork>();
        foreach (var entry in entries.SelectMany(e => e.Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (Range(entry) is { } range)
            {
                ranges.Add(range);
            }
            else if (Uri.CheckHostName(entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry) == UriHostNameType.Dns)
            {
                hosts.Add(entry.ToLowerInvariant().TrimEnd('.'));
            }
            else
            {
                throw new InvalidOperationException(
                    $"Hub:Ingress:Allow takes host names, *.domain wildcards, addresses and CIDRs (\"ingress.example.com, *.internal.example.com, 10.0.0.0/8\"), not '{entry}'");
            }
        }

        return new IngressOptions(hosts, ranges, clusterServicesOnly, clusterDomain.Trim('.').ToLowerInvariant());
    }

    private static IPNetwork? Range(string entry)
    {
        if (!entry.Contains('/', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(entry, out var address)
                ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
                : null;
        }

        if (!IPNetwork.TryParse(entry, out var range))
        {
            throw new InvalidOperationException($"Hub:Ingress:Allow: '{entry}' is not a CIDR such as 10.0.0.0/8");
        }

        // "10.0.0.1/8" may mean 10.0.0.1 alone or all of 10/8; say which is written rather than guess.
        return range.BaseAddress.Equals(IPAddress.Parse(entry[..entry.IndexOf('/', StringComparison.Ordinal)]))
            ? range
            : throw new InvalidOperationException($"Hub:Ingress:Allow: '{entry}' is not a network address; write the range as {range}");
    }
}
