using System.Net;
using System.Net.Sockets;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// Whether a range the cluster names may be redirected on a laptop. A ServiceCIDR or a Node is
/// text anyone with the right RBAC wrote, and a laptop told to redirect 0.0.0.0/1, its loopback
/// or its link-local network would lose its own network: such a range is refused, never trimmed.
/// </summary>
public static class RangeRules
{
    /// <summary>The widest IPv4 range accepted. Real service ranges are /12 or narrower, a node's pod range a /24.</summary>
    public const int WidestIPv4 = 8;

    /// <summary>The widest IPv6 range accepted. ServiceCIDRs are /64 or narrower, a node's pod range a /64.</summary>
    public const int WidestIPv6 = 32;

    /// <summary>Addresses that belong to the laptop itself or to no network at all.</summary>
    public static IReadOnlyList<IPNetwork> Reserved { get; } =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    public static bool IsReserved(IPAddress address) => Reserved.Any(reserved => reserved.Contains(address));

    /// <returns>Null when the range may be redirected; else why not, for the log.</returns>
    public static string? Refusal(IPNetwork range)
    {
        var widest = range.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? WidestIPv4 : WidestIPv6;
        if (range.PrefixLength < widest)
        {
            return $"wider than /{widest}";
        }

        var reserved = Reserved.Where(r => Overlaps(r, range)).Select(r => r.ToString()).FirstOrDefault();
        return reserved is null ? null : $"overlaps {reserved}, which is never redirected";
    }

    /// <summary>Parses canonical CIDR text ("10.96.0.0/12", not "10.96.0.1/12") and applies the rules.</summary>
    /// <returns>The range, or null with why not.</returns>
    public static IPNetwork? Accept(string? text, out string? refusal)
    {
        if (Parse(text) is not { } range)
        {
            refusal = "not a CIDR";
            return null;
        }

        refusal = Refusal(range);
        return refusal is null ? range : null;
    }

    /// <summary>
    /// CIDR text whose address is the range's first ("10.96.0.0/12"). IPNetwork.TryParse alone would
    /// read "10.96.0.1/12" as 10.96.0.0/12: text that says something else than it means is no answer.
    /// </summary>
    public static IPNetwork? Parse(string? text) =>
        IPNetwork.TryParse(text, out var range)
        && text!.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash
        && IPAddress.TryParse(text[..slash], out var first) && first.Equals(range.BaseAddress)
            ? range
            : null;

    // IPNetwork.Contains is false across families, so ranges of two families never overlap.
    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
