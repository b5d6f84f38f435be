using System.Net;
using System.Net.Sockets;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>
/// Where the daemon's own connection to the cluster goes: the API server (its port-forward carries
/// the manager's calls), or the manager itself in direct mode. Redirecting that address into the
/// tunnel would make the tunnel depend on itself.
/// </summary>
public static class ClusterEntry
{
    /// <param name="apiServerUrl">The kubeconfig's server URL; null in direct mode.</param>
    /// <param name="managerAddress">The manager's HOST:PORT, used in direct mode.</param>
    public static async Task<IReadOnlyList<IPAddress>> AddressesAsync(string? apiServerUrl, string managerAddress, CancellationToken cancellationToken)
    {
        var host = apiServerUrl is not null ? new Uri(apiServerUrl).Host : managerAddress[..Math.Max(0, managerAddress.LastIndexOf(':'))];
        host = host.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        try
        {
            return await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // An address that does not resolve here is not one the laptop connects to either.
            return [];
        }
    }
}
