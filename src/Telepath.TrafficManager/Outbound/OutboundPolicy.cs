using System.Net;
using Telepath.Core.Net;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// The addresses the manager does not dial for a laptop, whatever name led to them. From inside
/// the cluster they reach what no Kubernetes RBAC grants a laptop user: the manager pod itself
/// (its loopback, its own addresses), the node's and the cloud's link-local services (on most clouds
/// 169.254.169.254 hands out the node's credentials), or no single host at all. An administrator
/// may allow ranges of them (<see cref="ManagerOptions.OutboundAllowList"/>); an allowed range wins.
/// </summary>
public sealed class OutboundPolicy
{
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly HashSet<IPAddress> _own;

    public OutboundPolicy(ManagerOptions options)
        : this(options.OutboundAllowList, OwnAddresses.Find(Environment.GetEnvironmentVariable(OwnAddresses.PodIpVariable)))
    {
    }

    /// <param name="allowed">The administrator's allow-list.</param>
    /// <param name="own">The manager's own addresses: its pod's, refused like loopback.</param>
    public OutboundPolicy(IReadOnlyList<IPNetwork> allowed, IEnumerable<IPAddress> own)
    {
        _allowed = allowed;
        _own = [.. own.Select(UndialedAddresses.Canonical)];
    }

    /// <returns>Null when the manager may dial the address; else why not, to end "the manager refuses ADDRESS: ".</returns>
    public string? Refusal(IPAddress address)
    {
        var canonical = UndialedAddresses.Canonical(address);
        if (_allowed.Any(range => range.Contains(canonical)))
        {
            return null;
        }

        if (UndialedAddresses.Of(canonical) is { } undialed)
        {
            return Unreachable(undialed.What, undialed.Plural);
        }

        return _own.Contains(canonical)
            ? $"{canonical} is the manager pod's own address, not reachable through Telepath unless the manager's outbound allow-list names it"
            : null;
    }

    private static string Unreachable(string what, bool plural = true) =>
        $"{what} {(plural ? "are" : "is")} not reachable through Telepath unless the manager's outbound allow-list names {(plural ? "them" : "it")}";

}
