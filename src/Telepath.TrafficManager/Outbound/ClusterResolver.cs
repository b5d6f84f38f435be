using System.Net;
using System.Net.Sockets;
using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// Looks names up where the manager runs: first in the manager's view of the cluster (which works
/// even where no cluster DNS answers, as in the network-namespace test topology), then with the
/// pod's resolver, which in a cluster answers the Service and Pod names too. That is why laptops
/// ask the manager rather than their own DNS.
/// </summary>
/// <param name="view">The cluster view; none for a resolver that only asks DNS.</param>
public class ClusterResolver(ClusterView? view = null)
{
    /// <returns>The addresses, or none with why: the name does not exist, or the lookup failed.</returns>
    public virtual async Task<Resolution> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(name, out var literal))
        {
            return new Resolution([literal], null);
        }

        if (view?.Snapshot().Lookup(name) is { } known)
        {
            // A headless Service with no ready pod exists but has no address, as in cluster DNS.
            return known.Length > 0 ? new Resolution(known, null) : new Resolution([], $"{name} has no ready pods");
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? new Resolution(addresses, null) : new Resolution([], $"DNS name not found: {name}");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return new Resolution([], $"DNS name not found: {name}");
        }
        catch (SocketException e)
        {
            return new Resolution([], $"DNS lookup of {name} failed: {e.Message}");
        }
    }
}

/// <summary>A lookup's answer as a value: addresses, or (when there are none) why.</summary>
public sealed record Resolution(IPAddress[] Addresses, string? Failure);
