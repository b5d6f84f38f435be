using System.Net;
using System.Net.Sockets;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// Looks names up where the manager runs: in a cluster, the pod's resolver answers the cluster's
/// Service and Pod names, which is why laptops ask the manager rather than their own DNS.
/// </summary>
public class ClusterResolver
{
    /// <returns>The addresses, or none with why: the name does not exist, or the lookup failed.</returns>
    public virtual async Task<Resolution> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(name, out var literal))
        {
            return new Resolution([literal], null);
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
