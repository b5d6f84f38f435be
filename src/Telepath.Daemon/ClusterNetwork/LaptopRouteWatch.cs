using Telepath.Daemon.Network;

namespace Telepath.Daemon.ClusterNetwork;

/// <summary>
/// The laptop's routes (the main table) as they were when the rules were last applied. When they change —
/// the Wi-Fi and its default route gone, a VPN up, Telepath's own route deleted by another program — a
/// redirected range may have lost the route connect() needs, so the rules are applied again and the helper
/// looks again. Telepath's own routes are part of what is noted, so its apply changes nothing that is watched.
/// Read from /proc/net/route: no root, no process.
/// </summary>
internal sealed class LaptopRouteWatch
{
    private string? _seen;

    /// <summary>Telepath's own links, whose routes are not conflicts with the laptop's.</summary>
    public static IReadOnlySet<string> OwnLinks { get; } = new HashSet<string>(StringComparer.Ordinal) { TelepathLink.DefaultName };

    /// <summary>Notes <paramref name="routes"/>, read after the rules were applied.</summary>
    public void Saw(IEnumerable<Route> routes) => _seen = Fingerprint(routes);

    /// <returns>Whether the laptop's routes differ from those last noted; false before any were.</returns>
    public async Task<bool> ChangedAsync(CancellationToken cancellationToken) =>
        _seen is not null && Fingerprint(await RouteTable.ReadAsync(cancellationToken).ConfigureAwait(false)) != _seen;

    private static string Fingerprint(IEnumerable<Route> routes) =>
        string.Join('\n', routes.Select(route => route.ToString()).Order(StringComparer.Ordinal));
}
