using System.Net;
using k8s.Models;

namespace Telepath.TrafficManager.Cluster;

/// <summary>What the cluster itself said of its ranges so far; empty where it said nothing.</summary>
/// <param name="ApiServer">The ranges named by the API server's dry-run refusals (<see cref="ServiceRangeProbe"/>).</param>
public sealed record RangeAnswers(IReadOnlyCollection<V1ServiceCIDR> ServiceCidrs, IReadOnlyList<IPNetwork> ApiServer, IReadOnlyCollection<V1Node> Nodes)
{
    public static RangeAnswers None { get; } = new([], [], []);
}
