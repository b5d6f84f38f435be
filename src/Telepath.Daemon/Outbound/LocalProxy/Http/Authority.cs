using System.Globalization;

namespace Telepath.Daemon.Outbound.LocalProxy.Http;

/// <summary>The <c>host:port</c> of a CONNECT request, with IPv6 addresses in brackets (<c>[::1]:443</c>).</summary>
internal static class Authority
{
    public static ProxyDestination? Parse(string authority)
    {
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = authority[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return host.Length == 0 || host.Contains(':', StringComparison.Ordinal) && !System.Net.IPAddress.TryParse(host, out _) ? null : new ProxyDestination(host, port);
    }
}
