using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>
/// The laptop's routes (the main table) as they should be since the rules were last applied. When they
/// change — the Wi-Fi and its default route gone, a VPN up, Telepath's own route deleted by another
/// program — a redirected range may have lost the route connect() needs, so the rules are applied again
/// and the helper looks again. Read from /proc/net/route: no root, no process.
/// </summary>
/// <param name="tablePath">/proc/net/route; another file in tests.</param>
internal sealed class LaptopRouteWatch(string tablePath = ProcNetRoute.ProcPath)
{
    private string? _seen;

    /// <summary>Telepath's own links, whose routes are not the laptop's (nor conflicts with it).</summary>
    public static IReadOnlySet<string> OwnLinks { get; } = new HashSet<string>(StringComparer.Ordinal) { TelepathLink.DefaultName };

    /// <summary>
    /// Notes the laptop's routes as read just before an apply, with Telepath's routes as the helper then
    /// listed them: a change while the helper worked is seen on the next look, and its own additions are not a change.
    /// </summary>
    public void Saw(IEnumerable<Route> before, IEnumerable<OwnRoute> own) =>
        _seen = Fingerprint(before.Where(route => !OwnLinks.Contains(route.Interface)).Select(route => route.ToString())
            .Concat(own.Select(route => $"{route.Cidr} dev {route.Device}")));

    /// <returns>Whether the routes differ from those last noted; false before any were.</returns>
    public async Task<bool> ChangedAsync(CancellationToken cancellationToken) =>
        _seen is not null && Fingerprint((await ProcNetRoute.ReadAsync(cancellationToken, tablePath).ConfigureAwait(false)).Select(route => route.ToString())) != _seen;

    private static string Fingerprint(IEnumerable<string> routes) => string.Join('\n', routes.Order(StringComparer.Ordinal));
}
