using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// Checks an apply request field by field. The helper is root and writes what it is given into the
/// ruleset and /etc/resolv.conf, so only values of a strict shape get through: never free text.
/// </summary>
internal static partial class NetworkPlanValidator
{
    // Far above any real cluster; it bounds what one request can make the helper do.
    private const int MaxRanges = 1024;
    private const int MaxSearchDomains = 16;
    private const int MaxRouteDomains = 1024;
    private const int MaxNameLength = 253;

    /// <param name="userId">The session's user, from the kernel (SO_PEERCRED): the request has no say in whose traffic is redirected.</param>
    public static (NetworkPlan? Plan, string? Error) Validate(HelperRequest request, uint userId)
    {
        var errors = new List<string>();
        var cluster = Ranges("clusterRanges", request.ClusterRanges, errors);
        var never = Ranges("neverRanges", request.NeverRanges, errors);

        // Cluster ranges are redirected and may be routed: never the whole network or the laptop's own blocks.
        // A never range only keeps traffic out of the redirect, which harms nothing.
        errors.AddRange(cluster.Select(RedirectableRange.WhyNot).OfType<string>().Select(why => $"clusterRanges: {why}"));
        var proxyPort = Port("proxyPort", request.ProxyPort, errors);
        var dnsPort = Port("dnsPort", request.DnsPort, errors);
        var dnsAddress = DnsAddress(request.DnsAddress, errors);
        var search = Domains("searchDomains", request.SearchDomains, MaxSearchDomains, errors);

        // Optional: a daemon of the version before split DNS does not send it.
        var route = Domains("routeDomains", request.RouteDomains ?? [], MaxRouteDomains, errors);
        return errors.Count > 0
            ? (null, string.Join("; ", errors))
            : (new NetworkPlan(cluster, never, proxyPort, dnsPort, dnsAddress!, search, route, userId), null);
    }

    private static List<IPNetwork> Ranges(string field, IReadOnlyList<string>? values, List<string> errors)
    {
        var ranges = new List<IPNetwork>();
        if (values is null)
        {
            errors.Add($"{field} is missing: give a list of IPv4 CIDRs such as [\"10.96.0.0/12\"] (it may be empty)");
            return ranges;
        }

        if (values.Count > MaxRanges)
        {
            errors.Add($"{field} has {values.Count} ranges; at most {MaxRanges} are accepted");
            return ranges;
        }

        foreach (var value in values)
        {
            // Printed back in canonical form, so "10.96.0.1/12" (host bits set) and "010.96.0.0/12" do not pass for a range.
            if (value is not null && IPNetwork.TryParse(value, out var range)
                && range.BaseAddress.AddressFamily == AddressFamily.InterNetwork && range.ToString() == value)
            {
                ranges.Add(range);
            }
            else
            {
                errors.Add($"{field}: \"{Printable(value)}\" is not an IPv4 CIDR such as 10.96.0.0/12 (no host bits after the prefix)");
            }
        }

        return ranges;
    }

    private static int Port(string field, int? value, List<string> errors)
    {
        if (value is >= 1 and <= 65535)
        {
            return value.Value;
        }

        errors.Add($"{field} must be a port from 1 to 65535{(value is null ? " (it is missing)" : $", not {value}")}");
        return 0;
    }

    private static IPAddress? DnsAddress(string? value, List<string> errors)
    {
        if (value is not null && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            && address.GetAddressBytes()[0] == 127 && address.ToString() == value)
        {
            return address;
        }

        errors.Add($"dnsAddress must be an IPv4 loopback address such as 127.0.0.153, not \"{Printable(value)}\"");
        return null;
    }

    private static List<string> Domains(string field, IReadOnlyList<string>? values, int max, List<string> errors)
    {
        var domains = new List<string>();
        if (values is null || values.Count > max)
        {
            errors.Add($"{field} must be a list of at most {max} DNS names such as \"svc.cluster.local\"");
            return domains;
        }

        foreach (var value in values)
        {
            if (value is not null && value.Length <= MaxNameLength && DnsName().IsMatch(value))
            {
                domains.Add(value.ToLowerInvariant());
            }
            else
            {
                errors.Add($"{field}: \"{Printable(value)}\" is not a DNS name such as shop.svc.cluster.local");
            }
        }

        return domains;
    }

    // Quoted back in the error line, so a control character or a huge value cannot garble the reply.
    private static string Printable(string? value) =>
        value is null ? "null" : new string([.. value.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);

    // Labels of letters, digits and inner hyphens, 1 to 63 long, dot-separated, no trailing dot.
    [GeneratedRegex("^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex DnsName();
}
