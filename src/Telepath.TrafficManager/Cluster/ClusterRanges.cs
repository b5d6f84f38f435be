using System.Net;
using k8s.Models;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// The ranges laptops redirect, from the best answer the cluster gave: for Services its ServiceCIDR
/// objects, else the range the API server named for a dry-run; for Pods the Nodes' podCIDRs.
/// Addresses seen outside every answer (no answer at all: no permission, a server without either
/// way; a CNI that does not use podCIDRs) are covered by a guess (<see cref="AddressRanges"/>).
/// </summary>
public static class ClusterRanges
{
    /// <param name="apiServer">What the API server named for the dry-run; used only without a ServiceCIDR.</param>
    /// <param name="clusterIps">The cluster IPs of the Services (not ExternalName, not headless).</param>
    /// <param name="podIps">The IPs of running pods that do not use their node's network.</param>
    /// <returns>The ranges, Services first, the cluster's answers before guesses; and the ranges refused, for the log.</returns>
    public static (IReadOnlyList<ClusterRange> Ranges, IReadOnlyList<string> Refused) Compose(
        IEnumerable<V1ServiceCIDR> serviceCidrs,
        IEnumerable<IPNetwork> apiServer,
        IEnumerable<V1Node> nodes,
        IEnumerable<IPAddress> clusterIps,
        IEnumerable<IPAddress> podIps)
    {
        var refused = new List<string>();
        var services = FromServiceCidrs(serviceCidrs, refused);
        if (services.Count == 0)
        {
            services = [.. RangeAggregation.Merge(apiServer.Where(range => RangeRules.Refusal(range) is null))
                .Select(range => new ClusterRange(range, RangeKind.Services, RangeOrigin.ApiServer))];
        }

        var pods = FromNodes(nodes, refused);
        return ([.. services, .. Guess(RangeKind.Services, clusterIps, services), .. pods, .. Guess(RangeKind.Pods, podIps, pods)], refused);
    }

    private static List<ClusterRange> FromServiceCidrs(IEnumerable<V1ServiceCIDR> serviceCidrs, List<string> refused)
    {
        var ranges = new List<ClusterRange>();
        foreach (var serviceCidr in serviceCidrs.OrderBy(s => s.Name(), StringComparer.Ordinal))
        {
            var accepted = Accept(serviceCidr.Spec?.Cidrs ?? [], $"ServiceCIDR {serviceCidr.Name()}", refused);
            ranges.AddRange(RangeAggregation.Merge(accepted).Select(range => new ClusterRange(range, RangeKind.Services, RangeOrigin.ServiceCidr, serviceCidr.Name())));
        }

        return ranges;
    }

    private static List<ClusterRange> FromNodes(IEnumerable<V1Node> nodes, List<string> refused)
    {
        // podCIDR is podCIDRs[0] on servers that have both; older Nodes have only podCIDR.
        var accepted = nodes
            .OrderBy(node => node.Name(), StringComparer.Ordinal)
            .SelectMany(node => Accept(
                node.Spec?.PodCIDRs is { Count: > 0 } all ? all : node.Spec?.PodCIDR is { Length: > 0 } one ? [one] : [],
                $"Node {node.Name()}",
                refused));
        return [.. RangeAggregation.Merge(accepted).Select(range => new ClusterRange(range, RangeKind.Pods, RangeOrigin.NodePodCidrs))];
    }

    private static IEnumerable<IPNetwork> Accept(IEnumerable<string> texts, string owner, List<string> refused)
    {
        foreach (var text in texts)
        {
            if (RangeRules.Accept(text, out var refusal) is { } range)
            {
                yield return range;
            }
            else
            {
                refused.Add($"{owner}: {Printable(text)} ({refusal})");
            }
        }
    }

    private static IEnumerable<ClusterRange> Guess(RangeKind kind, IEnumerable<IPAddress> addresses, IReadOnlyList<ClusterRange> known) =>
        AddressRanges.Cover(addresses.Where(address => !known.Any(range => range.Network.Contains(address))))
            .Select(text => new ClusterRange(IPNetwork.Parse(text), kind, RangeOrigin.Guessed));

    // The text is the cluster's: keep the log line one line and short.
    private static string Printable(string? text) =>
        text is null ? "null" : new string([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
