using System.Net;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>What <see cref="ClusterNames"/> made of a query name.</summary>
/// <param name="FullName">The fully qualified cluster name the query means; null when the name is not the cluster's.</param>
/// <param name="Known">
/// Its addresses from the manager's view (empty: the name exists but has no addresses, like a zone's apex);
/// null when the view does not know it and the fallback lookup decides.
/// </param>
internal readonly record struct ClusterName(string? FullName, IPAddress[]? Known)
{
    public static ClusterName NotCluster => default;

    public bool IsCluster => FullName is not null;
}
