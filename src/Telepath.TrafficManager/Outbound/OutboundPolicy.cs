using System.Net;

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
    private static readonly (IPNetwork Range, string Why)[] Never =
    [
        (IPNetwork.Parse("127.0.0.0/8"), Unreachable("loopback addresses")),
        (IPNetwork.Parse("::1/128"), Unreachable("loopback addresses")),
        (IPNetwork.Parse("169.254.0.0/16"), Unreachable("link-local addresses")),
        (IPNetwork.Parse("fe80::/10"), Unreachable("link-local addresses")),
        // AWS serves its instance metadata on IPv6 at this unique-local address, not a link-local one.
        (IPNetwork.Parse("fd00:ec2::254/128"), Unreachable("the cloud's metadata service", plural: false)),
        // Linux connects 0.0.0.0 and :: to the local host.
        (IPNetwork.Parse("0.0.0.0/8"), Unreachable("unspecified addresses")),
        (IPNetwork.Parse("::/128"), Unreachable("unspecified addresses")),
        (IPNetwork.Parse("224.0.0.0/4"), Unreachable("multicast addresses")),
        (IPNetwork.Parse("ff00::/8"), Unreachable("multicast addresses")),
        (IPNetwork.Parse("255.255.255.255/32"), Unreachable("the broadcast address", plural: false)),
    ];

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
        _own = [.. own.Select(Canonical)];
    }

    /// <returns>Null when the manager may dial the address; else why not, to end "the manager refuses ADDRESS: ".</returns>
    public string? Refusal(IPAddress address)
    {
        // ::ffff:127.0.0.1 reaches 127.0.0.1: an address is judged as the IPv4 address it stands for.
        var canonical = Canonical(address);
        if (_allowed.Any(range => range.Contains(canonical)))
        {
            return null;
        }

        foreach (var (range, why) in Never)
        {
            if (range.Contains(canonical))
            {
                return why;
            }
        }

        return _own.Contains(canonical)
            ? $"{canonical} is the manager pod's own address, not reachable through Telepath unless the manager's outbound allow-list names it"
            : null;
    }

    private static string Unreachable(string what, bool plural = true) =>
        $"{what} {(plural ? "are" : "is")} not reachable through Telepath unless the manager's outbound allow-list names {(plural ? "them" : "it")}";

    private static IPAddress Canonical(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        // fe80::1%eth0 and fe80::1 are one address to compare; only IPv6 has a scope.
        return plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && plain.ScopeId != 0
            ? new IPAddress(plain.GetAddressBytes())
            : plain;
    }
}
