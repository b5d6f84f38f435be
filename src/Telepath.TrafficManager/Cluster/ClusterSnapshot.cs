using System.Net;
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

    public static ClusterSnapshot Build(string domain, IReadOnlyCollection<V1Namespace> namespaces, IReadOnlyCollection<V1Service> services, IReadOnlyCollection<V1Pod> pods)
    {
        var info = new ClusterInfo { HasView = true, ClusterDomain = domain };
        info.Namespaces.AddRange(namespaces.Select(ns => ns.Name()).Order(StringComparer.Ordinal));
        info.ServiceCidrs.AddRange(AddressRanges.Cover(services.Where(service => service.Spec?.Type != "ExternalName").SelectMany(ClusterRecords.ClusterIps)));
        // A hostNetwork pod has its node's address, which is not in the pod network.
        info.PodCidrs.AddRange(AddressRanges.Cover(pods
            .Where(pod => ClusterRecords.IsRunning(pod) && pod.Spec?.HostNetwork != true)
            .SelectMany(ClusterRecords.PodAddresses)
            .Select(IPAddress.Parse)));
        foreach (var (name, addresses) in ClusterRecords.Build(domain, services, pods))
        {
            info.Records.Add(new DnsRecord { Name = name, Addresses = { addresses } });
        }

        return new ClusterSnapshot(info);
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
}
