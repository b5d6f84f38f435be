using System.Net;
using Telepath.Core;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Outbound;

/// <summary>Reads the administrator's outbound allow-list: CIDRs or single addresses, separated by commas or spaces.</summary>
public static class OutboundAllowList
{
    /// <summary>Where the manager's Deployment (or an administrator's <c>kubectl set env</c>) puts the list.</summary>
    public const string Variable = "TELEPATH_ALLOW_OUTBOUND";

    /// <param name="items">Each a CIDR, an address, or several of them separated by commas or spaces.</param>
    /// <param name="source">The flag or variable the text came from, for the error.</param>
    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> items, string source) =>
        [.. items.SelectMany(item => item.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).Select(text => ParseOne(text, source))];

    private static IPNetwork ParseOne(string text, string source)
    {
        if (!text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        if (RangeRules.Parse(text) is { } range)
        {
            return range;
        }

        // A host address with a prefix ("10.0.0.1/8") is read by IPNetwork as a range it does not write.
        return IPNetwork.TryParse(text, out var meant)
            ? throw new UserErrorException($"invalid {source} \"{text}\": write the range as {meant}", exitCode: 2)
            : throw new UserErrorException($"invalid {source} \"{text}\": expected a CIDR such as 169.254.169.254/32 or 127.0.0.0/8, or an address", exitCode: 2);
    }
}
