using System.Net;
using System.Net.Sockets;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// The fewest CIDRs that cover exactly the addresses of the given ones: ranges inside another go,
/// and two halves of one prefix become that prefix. A hundred nodes' consecutive /24s are three
/// ranges, not a hundred, and nothing outside them is added.
/// </summary>
public static class RangeAggregation
{
    /// <returns>IPv4 ranges then IPv6 ranges, each in address order.</returns>
    public static IReadOnlyList<IPNetwork> Merge(IEnumerable<IPNetwork> ranges)
    {
        var merged = new List<IPNetwork>();
        foreach (var family in ranges.GroupBy(r => r.BaseAddress.AddressFamily).OrderBy(g => g.Key == AddressFamily.InterNetwork ? 0 : 1))
        {
            var bits = family.Key == AddressFamily.InterNetwork ? 32 : 128;
            var kept = new List<Prefix>();
            foreach (var prefix in family.Select(r => new Prefix(ToNumber(r.BaseAddress), r.PrefixLength)).Distinct().OrderBy(p => p.Base).ThenBy(p => p.Length))
            {
                // Sorted by start, widest first: a range inside any kept one is inside the last kept one.
                if (kept.Count > 0 && kept[^1].Contains(prefix, bits))
                {
                    continue;
                }

                kept.Add(prefix);
                while (kept.Count >= 2 && kept[^2].IsLowerHalfBeside(kept[^1], bits))
                {
                    var parent = new Prefix(kept[^2].Base, kept[^2].Length - 1);
                    kept.RemoveRange(kept.Count - 2, 2);
                    kept.Add(parent);
                }
            }

            merged.AddRange(kept.Select(p => new IPNetwork(FromNumber(p.Base, bits), p.Length)));
        }

        return merged;
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        UInt128 number = 0;
        foreach (var b in address.GetAddressBytes())
        {
            number = (number << 8) | b;
        }

        return number;
    }

    private static IPAddress FromNumber(UInt128 number, int bits)
    {
        var bytes = new byte[bits / 8];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(number & 0xFF);
            number >>= 8;
        }

        return new IPAddress(bytes);
    }

    private readonly record struct Prefix(UInt128 Base, int Length)
    {
        public bool Contains(Prefix other, int bits) =>
            Length == 0 || (Length <= other.Length && (other.Base >> (bits - Length)) == (Base >> (bits - Length)));

        // This is the lower half of a prefix whose upper half is other.
        public bool IsLowerHalfBeside(Prefix other, int bits)
        {
            if (Length != other.Length || Length == 0)
            {
                return false;
            }

            var half = UInt128.One << (bits - Length);
            return (Base & half) == 0 && other.Base == (Base | half);
        }
    }
}
