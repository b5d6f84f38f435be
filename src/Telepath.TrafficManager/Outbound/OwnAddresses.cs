using System.Net;
using System.Net.NetworkInformation;

namespace Telepath.TrafficManager.Outbound;

/// <summary>The manager pod's own addresses, which a laptop must not reach through it.</summary>
public static class OwnAddresses
{
    /// <summary>The pod's address from the downward API, as the manager's Deployment sets it.</summary>
    public const string PodIpVariable = "POD_IP";

    /// <summary>Every address of every interface, and the pod's address when given.</summary>
    /// <remarks>
    /// The interfaces already hold the pod's address in a pod network; POD_IP still counts where they
    /// do not show it (an address routed to the pod rather than assigned to one of its links).
    /// </remarks>
    public static IReadOnlyList<IPAddress> Find(string? podIp)
    {
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .ToList();
        if (IPAddress.TryParse(podIp, out var pod))
        {
            addresses.Add(pod);
        }

        return addresses;
    }
}
