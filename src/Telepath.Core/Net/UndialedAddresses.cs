using System.Net;
using System.Net.Sockets;

namespace Telepath.Core.Net;

/// <summary>
/// The addresses Telepath's servers never dial on a user's behalf unless their administrator allows
/// them: the traffic manager for a laptop's outbound connection, the hub for a preview's ingress.
/// From a server they reach what no user should get through it: the server itself (loopback), the
/// node's and the cloud's link-local and metadata services (which hand out the node's credentials on
/// most clouds), or no single host at all.
/// </summary>
public static class UndialedAddresses
{
    private static readonly UndialedRange[] Ranges =
    [
        new(IPNetwork.Parse("127.0.0.0/8"), "loopback addresses"),
        new(IPNetwork.Parse("::1/128"), "loopback addresses"),
        new(IPNetwork.Parse("169.254.0.0/16"), "link-local addresses"),
        new(IPNetwork.Parse("fe80::/10"), "link-local addresses"),
        // Metadata services outside the link-local range: AWS's over IPv6, Alibaba Cloud's, and Azure's
        // WireServer (the host agent's endpoint, which hands out extension settings and certificates).
        new(IPNetwork.Parse("fd00:ec2::254/128"), "the cloud's metadata service", Plural: false),
        new(IPNetwork.Parse("100.100.100.200/32"), "the cloud's metadata service", Plural: false),
        new(IPNetwork.Parse("168.63.129.16/32"), "the cloud's host agent (Azure WireServer)", Plural: false),
        // Linux connects 0.0.0.0 and :: to the local host.
        new(IPNetwork.Parse("0.0.0.0/8"), "unspecified addresses"),
        new(IPNetwork.Parse("::/128"), "unspecified addresses"),
        new(IPNetwork.Parse("224.0.0.0/4"), "multicast addresses"),
        new(IPNetwork.Parse("ff00::/8"), "multicast addresses"),
        new(IPNetwork.Parse("255.255.255.255/32"), "the broadcast address", Plural: false),
    ];

    /// <returns>The range the address falls in, or null when it is an ordinary one.</returns>
    public static UndialedRange? Of(IPAddress address)
    {
        var canonical = Canonical(address);
        return Ranges.FirstOrDefault(r => r.Range.Contains(canonical));
    }

    /// <summary>
    /// The address as it is compared: ::ffff:127.0.0.1 reaches 127.0.0.1, so it is judged as the IPv4
    /// address it stands for; fe80::1%eth0 and fe80::1 are one address (only IPv6 has a scope).
    /// </summary>
    public static IPAddress Canonical(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return plain.AddressFamily == AddressFamily.InterNetworkV6 && plain.ScopeId != 0
            ? new IPAddress(plain.GetAddressBytes())
            : plain;
    }
}

/// <param name="What">"loopback addresses", "the broadcast address": the subject of a refusal's sentence.</param>
/// <param name="Plural">Whether <paramref name="What"/> takes "are" or "is".</param>
public sealed record UndialedRange(IPNetwork Range, string What, bool Plural = true);
