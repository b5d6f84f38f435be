using System.Globalization;
using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>The laptop's IPv4 routes, read from /proc/net/route (no root and no `ip` binary needed).</summary>
public static class ProcNetRoute
{
    public const string ProcPath = "/proc/net/route";

    private const int RouteUp = 0x1;

    public static async Task<IReadOnlyList<Route>> ReadAsync(CancellationToken cancellationToken, string path = ProcPath) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>Parses the table's text; lines that do not have its shape are skipped.</summary>
    public static IReadOnlyList<Route> Parse(string text)
    {
        var routes = new List<Route>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT; addresses are hex in the kernel's (little-endian) order.
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8
                || !uint.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var destination)
                || !uint.TryParse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var gateway)
                || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || !uint.TryParse(fields[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
                || (flags & RouteUp) == 0
                || Prefix(mask) is not { } prefix)
            {
                continue;
            }

            routes.Add(new Route(new IPNetwork(Address(destination & mask), prefix), fields[0], Address(gateway)));
        }

        return routes;
    }

    private static IPAddress Address(uint kernelOrder) => new(BitConverter.GetBytes(kernelOrder));

    // A netmask is contiguous ones from the top; anything else is not a prefix.
    private static int? Prefix(uint kernelOrderMask)
    {
        var bytes = BitConverter.GetBytes(kernelOrderMask);
        var mask = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var length = System.Numerics.BitOperations.LeadingZeroCount(~mask);
        return length == 32 || mask << length == 0 ? length : null;
    }
}
