using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Cluster;

/// <summary>What the manager knows of the cluster at one moment: the message laptops get, and name lookups on it.</summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<string, IPAddress[]> _names;
    private readonly string _domain;

    private ClusterSnapshot(ClusterInfo info)
    {
        Info = info;
        _domain = info.ClusterDomain;
        _names = info.Records.ToDictionary(
            record => record.Name,
            record => record.Addresses.Select(IPAddress.Parse).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>No access to the cluster: every name goes to DNS.</summary>
    public static ClusterSnapshot NoView { get; } = new(new ClusterInfo { HasView = false });

    public ClusterInfo Info { get; }

    /// <summary>The ranges in <see cref="Info"/>, as the manager learned them.</summary>
    public IReadOnlyList<ClusterRange> Ranges { get; private init; } = [];

    /// <summary>Ranges the cluster named that are not redirected (<see cref="RangeRules"/>), for the log.</summary>
    public IReadOnlyList<string> Refused { get; private init; } = [];

    public static ClusterSnapshot Build(
        string domain,
        IReadOnlyCollection<V1Namespace> namespaces,
        IReadOnlyCollection<V1Service> services,
        IReadOnlyCollection<V1Pod> pods,
        RangeAnswers answers)
    {
        var info = new ClusterInfo { HasView = true, ClusterDomain = domain };
        info.Namespaces.AddRange(namespaces.Select(ns => ns.Name()).Order(StringComparer.Ordinal));
        var (ranges, refused) = ClusterRanges.Compose(
            answers.ServiceCidrs,
            answers.ApiServer,
            answers.Nodes,
            services.Where(service => service.Spec?.Type != "ExternalName").SelectMany(ClusterRecords.ClusterIps),
            // A hostNetwork pod has its node's address, which is not in the pod network.
            pods.Where(pod => ClusterRecords.IsRunning(pod) && pod.Spec?.HostNetwork != true)
                .SelectMany(ClusterRecords.PodAddresses)
                .Select(IPAddress.Parse));
        info.Ranges.AddRange(ranges.Select(ToMessage));
        // Daemons older than `ranges` read these: IPv4 only, as they always were.
        info.ServiceCidrs.AddRange(IPv4(ranges, RangeKind.Services));
        info.PodCidrs.AddRange(IPv4(ranges, RangeKind.Pods));
        foreach (var (name, addresses) in ClusterRecords.Build(domain, services, pods))
        {
            info.Records.Add(new DnsRecord { Name = name, Addresses = { addresses } });
        }

        return new ClusterSnapshot(info) { Ranges = ranges, Refused = refused };
    }

    /// <summary>
    /// The addresses of a cluster name: fully qualified (with or without the final dot), or short as
    /// a pod's search list completes it (SERVICE.NS, SERVICE.NS.svc, HOSTNAME.SUBDOMAIN.NS).
    /// </summary>
    /// <returns>Null when the view does not know the name.</returns>
    public IPAddress[]? Lookup(string name)
    {
        if (!Info.HasView)
        {
            return null;
        }

        name = name.TrimEnd('.').ToLowerInvariant();
        if (_names.TryGetValue(name, out var exact))
        {
            return exact;
        }

        if (name.EndsWith("." + _domain, StringComparison.Ordinal))
        {
            return null;
        }

        return _names.GetValueOrDefault($"{name}.{_domain}") ?? _names.GetValueOrDefault($"{name}.svc.{_domain}");
    }

    private static IEnumerable<string> IPv4(IEnumerable<ClusterRange> ranges, RangeKind kind) =>
        ranges.Where(r => r.Kind == kind && r.Network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            .Select(r => r.Network.ToString())
            .Distinct();

    private static ClusterInfo.Types.Range ToMessage(ClusterRange range) => new()
    {
        Cidr = range.Network.ToString(),
        Kind = range.Kind == RangeKind.Services ? ClusterInfo.Types.Range.Types.Kind.Services : ClusterInfo.Types.Range.Types.Kind.Pods,
        Origin = range.Origin switch
        {
            RangeOrigin.ServiceCidr => ClusterInfo.Types.Range.Types.Origin.ServiceCidr,
            RangeOrigin.ApiServer => ClusterInfo.Types.Range.Types.Origin.ApiServer,
            RangeOrigin.NodePodCidrs => ClusterInfo.Types.Range.Types.Origin.NodePodCidrs,
            _ => ClusterInfo.Types.Range.Types.Origin.Guessed,
        },
        Name = range.Name,
    };
}
