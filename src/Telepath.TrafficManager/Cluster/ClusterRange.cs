using System.Net;

namespace Telepath.TrafficManager.Cluster;

public enum RangeKind
{
    Services,
    Pods,
}

/// <summary>How the manager learned a range; the first three are the cluster's own answers.</summary>
public enum RangeOrigin
{
    /// <summary>A ServiceCIDR object (networking.k8s.io).</summary>
    ServiceCidr,

    /// <summary>The range the API server named when it refused a dry-run Service outside it.</summary>
    ApiServer,

    /// <summary>The Nodes' <c>spec.podCIDRs</c>.</summary>
    NodePodCidrs,

    /// <summary>Widened around addresses seen that no answer of the cluster covered.</summary>
    Guessed,
}

/// <summary>One of the cluster's address ranges and where it comes from.</summary>
/// <param name="Name">The ServiceCIDR object's name when <paramref name="Origin"/> is <see cref="RangeOrigin.ServiceCidr"/>; else empty.</param>
public sealed record ClusterRange(IPNetwork Network, RangeKind Kind, RangeOrigin Origin, string Name = "")
{
    public override string ToString() => Origin == RangeOrigin.ServiceCidr ? $"{Network} ({Kind}, ServiceCIDR {Name})" : $"{Network} ({Kind}, {Origin})";
}
