using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>One IPv4 route of the laptop: where it leads and through which interface.</summary>
public sealed record Route(IPNetwork Destination, string Interface, IPAddress Gateway)
{
    public bool IsDefault => Destination.PrefixLength == 0;

    /// <summary>As `ip route` prints it, e.g. "10.0.0.0/8 dev wg0" or "10.0.0.0/8 via 192.168.1.1 dev eth0".</summary>
    public override string ToString() =>
        Gateway.Equals(IPAddress.Any) ? $"{Destination} dev {Interface}" : $"{Destination} via {Gateway} dev {Interface}";
}
