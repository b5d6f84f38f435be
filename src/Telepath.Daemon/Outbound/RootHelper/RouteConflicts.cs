using System.Net;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>A cluster range that overlaps a route the laptop already has (typically a VPN's): redirecting it may cut that network off.</summary>
public sealed record RouteConflict(IPNetwork Range, string Route);

public static class RouteConflicts
{
    /// <summary>
    /// Each cluster range that overlaps a route other than the default route and the routes of
    /// <paramref name="ownInterfaces"/> (Telepath's own, if it ever makes any), with that route.
    /// </summary>
    public static IReadOnlyList<RouteConflict> Find(
        IEnumerable<IPNetwork> clusterRanges, IEnumerable<Route> routes, IReadOnlySet<string>? ownInterfaces = null)
    {
        var candidates = routes.Where(route => !route.IsDefault && !(ownInterfaces?.Contains(route.Interface) ?? false)).ToList();
        return
        [
            .. from range in clusterRanges
               from route in candidates
               where Overlap(range, route.Destination)
               select new RouteConflict(range, route.ToString()),
        ];
    }

    // Two prefixes overlap exactly when one contains the other's base address.
    private static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
