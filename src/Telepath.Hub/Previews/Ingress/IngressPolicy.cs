using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Telepath.Core.Net;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Previews.Ingress;

/// <summary>
/// Keeps the preview proxy from being an open proxy: a preview names its ingress, and without this anyone with a CLI
/// token could make the hub fetch its own loopback services, the cloud's metadata service (169.254.169.254 hands out
/// credentials on most clouds) or whatever the administrator did not mean to expose. Names are judged as written;
/// addresses as connected to, so a name that resolves to 127.0.0.1 (DNS rebinding) is refused like 127.0.0.1.
/// The same ranges as the traffic manager's outbound policy (<see cref="UndialedAddresses"/>); a range in <c>Hub:Ingress:Allow</c> wins.
/// </summary>
public sealed class IngressPolicy
{
    private readonly IngressOptions _options;
    private readonly HashSet<IPAddress> _own;

    public IngressPolicy(HubOptions options)
        : this(options.EffectiveIngress, OwnAddresses())
    {
    }

    /// <param name="own">The hub's own addresses, refused like loopback: they reach the hub and what listens beside it.</param>
    public IngressPolicy(IngressOptions options, IEnumerable<IPAddress> own)
    {
        _options = options;
        _own = [.. own.Select(UndialedAddresses.Canonical)];
    }

    /// <returns>Null when the name may be an ingress (its addresses still decide), else why not.</returns>
    public string? NameRefusal(string host)
    {
        if (IPAddress.TryParse(host, out _) || !_options.Restricted || Listed(host) || _options.Ranges.Count > 0)
        {
            return null;
        }

        return _options.ClusterServicesOnly
            ? $"Hub:Ingress:ClusterServicesOnly admits only cluster Service names (NAME.NAMESPACE.svc or NAME.NAMESPACE.svc.{_options.ClusterDomain})"
                + (_options.Hosts.Count > 0 ? " and the names in Hub:Ingress:Allow" : "")
            : "Hub:Ingress:Allow does not name it";
    }

    /// <param name="host">The ingress as the preview names it: the address itself, or the name that resolved to it.</param>
    /// <returns>Null when the hub may connect to the address for this host, else why not.</returns>
    public string? AddressRefusal(string host, IPAddress address)
    {
        var canonical = UndialedAddresses.Canonical(address);
        if (_options.Ranges.Any(range => range.Contains(canonical)))
        {
            return null;
        }

        if (UndialedAddresses.Of(canonical) is { } undialed)
        {
            return $"{undialed.What} {(undialed.Plural ? "are" : "is")} refused unless Hub:Ingress:Allow lists {(undialed.Plural ? "their range" : "it")}";
        }

        if (_own.Contains(canonical))
        {
            return "the hub's own addresses are refused unless Hub:Ingress:Allow lists their range";
        }

        return !_options.Restricted || (!IPAddress.TryParse(host, out _) && Listed(host))
            ? null
            : "it is in none of the ranges in Hub:Ingress:Allow";
    }

    private bool Listed(string host)
    {
        var name = host.ToLowerInvariant().TrimEnd('.');
        return _options.Hosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
                ? name.EndsWith(pattern[1..], StringComparison.Ordinal)
                : name == pattern)
            || (_options.ClusterServicesOnly && IsServiceName(name));
    }

    // NAME.NAMESPACE.svc, as cluster DNS answers it; a shorter NAME.NAMESPACE could as well be a public domain.
    private bool IsServiceName(string name)
    {
        var service = name.EndsWith(".svc", StringComparison.Ordinal) ? name[..^4]
            : name.EndsWith($".svc.{_options.ClusterDomain}", StringComparison.Ordinal) ? name[..^(_options.ClusterDomain.Length + 5)]
            : null;
        return service?.Split('.') is [{ Length: > 0 }, { Length: > 0 }];
    }

    private static IEnumerable<IPAddress> OwnAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address);

}
