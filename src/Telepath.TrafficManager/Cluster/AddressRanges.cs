using System.Net;
using System.Net.Sockets;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// Guesses a range from the addresses seen so far, where the cluster gave no answer that covers
/// them (<see cref="ClusterRanges"/>). The laptop redirects the whole range, so a Service created
/// later must already fall inside: each range is widened to at least a /16 (real ranges are
/// 10.96.0.0/12, 10.43.0.0/16, GKE /20s). Addresses in different /8s (10.x and 172.x) get a range
/// each rather than one prefix spanning half the Internet.
/// </summary>
public static class AddressRanges
{
    private const int WidestUsual = 16;

    /// <returns>IPv4 ranges in CIDR notation, in address order.</returns>
    public static IReadOnlyList<string> Cover(IEnumerable<IPAddress> addresses)
    {
        var usable = addresses
            .Where(address => address.AddressFamily == AddressFamily.InterNetwork && !RangeRules.IsReserved(address))
            .Select(ToUInt32)
            .Distinct()
            .ToList();
        return usable
            .GroupBy(address => address >> 24)
            .OrderBy(group => group.Key)
            .SelectMany(group => CoverGroup([.. group]))
            .Select(network => network.ToString())
            .ToList();
    }

    private static IEnumerable<IPNetwork> CoverGroup(IReadOnlyList<uint> addresses)
    {
        var network = Covering(addresses.Min(), addresses.Max());
        if (!RangeRules.Reserved.Any(reserved => RangeRules.Overlaps(network, reserved)))
        {
            return [network];
        }

        // Widening would swallow a reserved range (169.253.x and 169.255.x): fall back to a /16 each.
        return addresses.Select(address => Network(address, WidestUsual)).Distinct().OrderBy(n => ToUInt32(n.BaseAddress));
    }

    private static IPNetwork Covering(uint lowest, uint highest)
    {
        var length = 32;
        while (length > 0 && (lowest >> (32 - length)) != (highest >> (32 - length)))
        {
            length--;
        }

        // The addresses share their first octet, so the length never drops below 8.
        return Network(lowest, Math.Min(length, WidestUsual));
    }

    private static IPNetwork Network(uint address, int length)
    {
        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        return new IPNetwork(FromUInt32(address & mask), length);
    }

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    private static IPAddress FromUInt32(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
