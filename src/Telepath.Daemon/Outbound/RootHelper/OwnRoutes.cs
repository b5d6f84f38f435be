using System.Net;
using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// The routes Telepath adds on its own link. connect() looks up a route before nftables' output hook can
/// redirect anything, so on a laptop with no route that covers a cluster range (no default route: offline,
/// or a VPN that installs only its own routes) the connection would fail with "Network is unreachable".
/// A redirected range that no route of the laptop covers gets one on <see cref="OwnLink"/>; a range that
/// has a route never gets one, so no route of the laptop is ever shadowed when Telepath adds its own.
/// </summary>
public sealed class OwnRoutes(OwnLink link, KernelRoutes kernel, ILogger logger)
{
    private readonly List<(IPNetwork Range, OwnRoute Route)> _added = [];

    public bool Any => _added.Count > 0;

    /// <summary>
    /// Routes each of <paramref name="ranges"/> that no route covers and no range of <paramref name="never"/>
    /// holds whole, and drops Telepath's routes of ranges no longer redirected. A range that has Telepath's
    /// route keeps it without another look at the others (it was added because nothing covered the range),
    /// unless another program deleted it: then the range is looked at again.
    /// </summary>
    /// <exception cref="IOException">ip failed, or the link cannot be made; the routes added so far stay (the caller removes everything).</exception>
    public async Task<IReadOnlyList<OwnRoute>> ApplyAsync(IReadOnlyList<IPNetwork> ranges, IReadOnlyList<IPNetwork> never, CancellationToken cancellationToken)
    {
        var wanted = ranges.Where(range => !never.Any(n => Holds(n, range))).Distinct().ToList();
        foreach (var stale in _added.Where(added => !wanted.Contains(added.Range)).ToList())
        {
            await kernel.DeleteAsync(stale.Range, stale.Route.Device, cancellationToken).ConfigureAwait(false);
            _added.Remove(stale);
            Log.RouteDeleted(logger, stale.Route.Cidr, stale.Route.Device);
        }

        foreach (var gone in _added.ToList())
        {
            if (!await kernel.ExistsAsync(gone.Range, gone.Route.Device, cancellationToken).ConfigureAwait(false))
            {
                _added.Remove(gone);
                Log.RouteGone(logger, gone.Route.Cidr, gone.Route.Device);
            }
        }

        foreach (var range in wanted.Where(range => !_added.Any(added => added.Range == range)))
        {
            var gap = await RouteCoverage.FirstUncoveredAsync(range, link.Name, kernel.LookupAsync, cancellationToken).ConfigureAwait(false);
            if (gap is null)
            {
                continue;
            }

            var own = await link.EnsureAsync(cancellationToken).ConfigureAwait(false);
            await kernel.AddAsync(range, own.Name, cancellationToken).ConfigureAwait(false);
            var route = new OwnRoute(range.ToString(), own.Name, Why(range, gap));
            _added.Add((range, route));
            Log.RouteAdded(logger, route.Cidr, route.Device, route.Why);
        }

        // In the order of the ranges, whatever order they were added in.
        return [.. wanted.SelectMany(range => _added.Where(added => added.Range == range).Select(added => added.Route))];
    }

    /// <summary>Forgets the routes; closing the link, which the caller does, is what removes them (the kernel drops a link's routes with it).</summary>
    public void Forget() => _added.Clear();

    private static bool Holds(IPNetwork outer, IPNetwork inner) =>
        outer.PrefixLength <= inner.PrefixLength && outer.Contains(inner.BaseAddress);

    private static string Why(IPNetwork range, IPAddress gap) =>
        gap.Equals(range.BaseAddress) ? $"no route covered {range}" : $"no route covered {gap} in {range}";
}
