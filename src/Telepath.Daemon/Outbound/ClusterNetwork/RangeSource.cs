using Telepath.Protocol.Manager;
using Kind = Telepath.Protocol.Manager.ClusterInfo.Types.Range.Types.Kind;
using Origin = Telepath.Protocol.Manager.ClusterInfo.Types.Range.Types.Origin;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>
/// What <c>status</c> says a cluster range is and how the manager learned it, so that a user can
/// tell the cluster's own answer from a guess: <c>10.96.0.0/12 (services: ServiceCIDR kubernetes)</c>,
/// <c>10.244.0.0/16 (pods: guessed from pod addresses)</c>. Always "services" or "pods" first.
/// </summary>
public static class RangeSource
{
    public static string Of(ClusterInfo.Types.Range range)
    {
        var kind = range.Kind == Kind.Pods ? ProxyRanges.Pods : ProxyRanges.Services;
        var how = range.Origin switch
        {
            Origin.ServiceCidr => $"ServiceCIDR {Printable(range.Name)}",
            Origin.ApiServer => "API server",
            Origin.NodePodCidrs => "node podCIDRs",
            Origin.Guessed => range.Kind == Kind.Pods ? "guessed from pod addresses" : "guessed from cluster IPs",
            _ => null,
        };
        return how is null ? kind : $"{kind}: {how}";
    }

    // An object name is a DNS name; anything else the manager sent is shown harmlessly.
    private static string Printable(string name) =>
        name.Length is > 0 and <= 253 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.') ? name : "(unnamed)";
}
