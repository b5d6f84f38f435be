using System.Net;
using Telepath.Core;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Outbound;

/// <summary>
/// The daemon reaches the cluster through the API server, so its address can neither go through
/// the tunnel nor be named in a range that suggests it could be routed otherwise.
/// </summary>
public static class ApiServerRanges
{
    /// <exception cref="UserErrorException">A range of the request covers the API server's address.</exception>
    public static void Check(ConnectRequest request, string serverUrl, IReadOnlyList<IPAddress> apiServer) =>
        Check(request.ProxyMode, Parsed(request.AlsoProxy), Parsed(request.NeverProxy), serverUrl, apiServer);

    /// <exception cref="UserErrorException">A range covers the API server's address.</exception>
    public static void Check(string mode, IEnumerable<IPNetwork> alsoProxy, IEnumerable<IPNetwork> neverProxy, string serverUrl, IReadOnlyList<IPAddress> apiServer)
    {
        if (mode != ProxySettings.On)
        {
            return;
        }

        foreach (var address in apiServer)
        {
            if (Covering(alsoProxy, address) is { } also)
            {
                throw new UserErrorException($"--also-proxy {also} covers the API server's address {address} ({serverUrl}), through which Telepath reaches the cluster; choose a range without it");
            }

            if (Covering(neverProxy, address) is { } never)
            {
                throw new UserErrorException($"--never-proxy {never} covers the API server's address {address} ({serverUrl}), which Telepath never proxies anyway; leave it out or choose a range without it");
            }
        }
    }

    // The CLI checked the ranges' syntax; one that does not parse covers nothing.
    private static List<IPNetwork> Parsed(IEnumerable<string> ranges) =>
        ranges.Select(r => IPNetwork.TryParse(r, out var range) ? (IPNetwork?)range : null).OfType<IPNetwork>().ToList();

    private static IPNetwork? Covering(IEnumerable<IPNetwork> ranges, IPAddress address) =>
        ranges.Where(r => r.Contains(address)).Select(r => (IPNetwork?)r).FirstOrDefault();
}
