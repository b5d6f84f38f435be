using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Telepath.TrafficManager.Tests.Outbound;

/// <summary>A fact that needs an IPv4 address of this machine other than loopback; skipped, saying so, where there is none.</summary>
public sealed class OwnAddressFactAttribute : FactAttribute
{
    public OwnAddressFactAttribute()
    {
        if (Address is null)
        {
            Skip = "this machine has no IPv4 address but loopback";
        }
    }

    public static IPAddress? Address { get; } = NetworkInterface.GetAllNetworkInterfaces()
        .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(i => i.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !a.ToString().StartsWith("169.254.", StringComparison.Ordinal));
}
