using System.Collections.Frozen;
using System.Net;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>
/// One snapshot of the cluster's names (the manager's <see cref="ClusterInfo"/> and the connected namespace):
/// which query names are the cluster's, and what they resolve to. Replaced as a whole when the view changes.
/// </summary>
public sealed class ClusterNames
{
    private readonly FrozenSet<string> _namespaces;
    private readonly FrozenDictionary<string, IPAddress[]> _records;
    private readonly string _suffix;

    private ClusterNames(string domain, string connectedNamespace, FrozenSet<string> namespaces, FrozenDictionary<string, IPAddress[]> records)
    {
        Domain = domain;
        ConnectedNamespace = connectedNamespace;
        _namespaces = namespaces;
        _records = records;
        _suffix = "." + domain;
        DnsDomains = domain.Length == 0 ? [] : [domain, .. namespaces.Order(StringComparer.Ordinal)];
        SearchList = domain.Length == 0 ? [] : [$"{connectedNamespace}.svc.{domain}", $"svc.{domain}", domain];
    }

    /// <summary>No view of the cluster: no name is the cluster's, everything is forwarded.</summary>
    public static ClusterNames Empty { get; } = new("", "", FrozenSet<string>.Empty, FrozenDictionary<string, IPAddress[]>.Empty);

    /// <summary>The cluster's DNS domain ("cluster.local"); empty without a view.</summary>
    public string Domain { get; }

    public string ConnectedNamespace { get; }

    /// <summary>The domains answered here, for <c>status</c>: the cluster domain, then the namespaces.</summary>
    public IReadOnlyList<string> DnsDomains { get; }

    /// <summary>The search list, as in a pod of the connected namespace: <c>NS.svc.DOMAIN svc.DOMAIN DOMAIN</c>.</summary>
    public IReadOnlyList<string> SearchList { get; }

    public static ClusterNames From(ClusterInfo info, string connectedNamespace)
    {
        if (!info.HasView || string.IsNullOrWhiteSpace(info.ClusterDomain))
        {
            return Empty;
        }

        var records = new Dictionary<string, IPAddress[]>(StringComparer.Ordinal);
        foreach (var record in info.Records)
        {
            var addresses = record.Addresses
                .Select(text => IPAddress.TryParse(text, out var address) ? address : null)
                .OfType<IPAddress>()
                .ToArray();
            records[Normalize(record.Name)] = addresses;
        }

        return new ClusterNames(
            Normalize(info.ClusterDomain),
            connectedNamespace.ToLowerInvariant(),
            info.Namespaces.Select(Normalize).ToFrozenSet(StringComparer.Ordinal),
            records.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <param name="name">A query name in lower case without the trailing dot.</param>
    internal ClusterName Classify(string name)
    {
        if (Domain.Length == 0 || name.Length == 0)
        {
            return ClusterName.NotCluster;
        }

        if (name == Domain || name.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return Lookup(name);
        }

        var labels = name.Split('.');
        if (labels.Length == 1)
        {
            // Only a Service of the connected namespace: "localhost" and "printer" must keep working.
            var service = $"{name}.{ConnectedNamespace}.svc.{Domain}";
            return _records.TryGetValue(service, out var addresses) ? new ClusterName(service, addresses) : ClusterName.NotCluster;
        }

        var last = labels[^1];
        if (_namespaces.Contains(last))
        {
            return Lookup($"{name}.svc.{Domain}");
        }

        // "orders.shop.svc", "10-1-0-7.shop.pod": the form a pod's search list completes.
        return last is "svc" or "pod" && _namespaces.Contains(labels[^2]) ? Lookup($"{name}.{Domain}") : ClusterName.NotCluster;
    }

    private ClusterName Lookup(string fullName)
    {
        if (_records.TryGetValue(fullName, out var addresses))
        {
            return new ClusterName(fullName, addresses);
        }

        return IsZoneNode(fullName) ? new ClusterName(fullName, []) : new ClusterName(fullName, null);
    }

    /// <summary>The names above the records (DOMAIN, svc.DOMAIN, NS.svc.DOMAIN...) exist without addresses (NODATA, not NXDOMAIN).</summary>
    private bool IsZoneNode(string fullName)
    {
        if (fullName == Domain)
        {
            return true;
        }

        var labels = fullName[..^_suffix.Length].Split('.');
        return labels switch
        {
            ["svc" or "pod"] => true,
            [var ns, "svc" or "pod"] => _namespaces.Contains(ns),
            _ => false,
        };
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();
}
