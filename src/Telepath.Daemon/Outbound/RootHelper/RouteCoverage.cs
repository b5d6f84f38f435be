using System.Buffers.Binary;
using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// Whether the laptop's routes, as the kernel chooses them, cover a whole range: the kernel is asked for
/// the range's first address; a route at least as wide as the range covers all of it, a narrower one
/// covers its own block, and the walk goes on after that block until the range ends or an address has
/// no route. Routes on Telepath's own link do not count.
/// </summary>
public static class RouteCoverage
{
    // A laptop has a handful of routes inside a cluster's range; past this many, the range is taken as covered (nothing is added).
    private const int MaxLookups = 64;

    /// <returns>The first address of <paramref name="range"/> no route but Telepath's leads to; null when every address has one.</returns>
    public static async Task<IPAddress?> FirstUncoveredAsync(
        IPNetwork range, string ownDevice, Func<IPAddress, CancellationToken, Task<RouteLookup>> lookup, CancellationToken cancellationToken)
    {
        var last = (ulong)Number(range.BaseAddress) + (1UL << (32 - range.PrefixLength)) - 1;
        var at = (ulong)Number(range.BaseAddress);
        for (var lookups = 0; lookups < MaxLookups && at <= last; lookups++)
        {
            var address = Address((uint)at);
            var answer = await lookup(address, cancellationToken).ConfigureAwait(false);
            switch (answer.Answer)
            {
                case RouteAnswer.NoRoute:
                case RouteAnswer.Route when answer.Device == ownDevice:
                    return address;
                case RouteAnswer.Refused:
                    // Its extent is not told; a route someone set to refuse is theirs to keep, so the range is left alone.
                    return null;
                case RouteAnswer.Route when answer.Matched.PrefixLength <= range.PrefixLength:
                    // It holds this address of the range and is at least as wide: it holds all of it.
                    return null;
                default:
                    // Past the narrower route's block; never backwards, whatever the answer said.
                    at = Math.Max(at + 1, (ulong)Number(answer.Matched.BaseAddress) + (1UL << (32 - answer.Matched.PrefixLength)));
                    break;
            }
        }

        return null;
    }

    private static uint Number(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    private static IPAddress Address(uint number)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
