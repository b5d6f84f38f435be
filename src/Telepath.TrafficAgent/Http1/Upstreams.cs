using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Tunnels;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// One client connection's upstreams: at most one to the app and one per intercept, opened when a
/// request first goes there and kept for the next, as a keep-alive client would expect.
/// </summary>
internal sealed class Upstreams(AppConnector app, TunnelDialer dialer) : IAsyncDisposable
{
    private readonly Dictionary<string, Upstream> _tunnels = new(StringComparer.Ordinal);
    private Upstream? _app;

    /// <returns>The app's connection (and whether it carried requests before), or why there is none.</returns>
    public async ValueTask<(Upstream? Upstream, bool Reused, string Error)> AppAsync(CancellationToken cancellationToken)
    {
        if (_app is { ClosedWhileIdle: false })
        {
            return (_app, true, "");
        }

        await DropAsync(_app).ConfigureAwait(false);
        var (connected, error) = await app.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _app = connected;
        return (connected, false, error);
    }

    /// <returns>The intercept's tunnel (and whether it carried requests before), or how opening one failed.</returns>
    public async ValueTask<(Upstream? Upstream, bool Reused, TunnelDial Dial)> TunnelAsync(InterceptRoute route, CancellationToken cancellationToken)
    {
        if (_tunnels.TryGetValue(route.Id, out var open))
        {
            return (open, true, default);
        }

        var dial = await dialer.DialAsync(route, cancellationToken).ConfigureAwait(false);
        if (dial.Stream is not { } tunnel)
        {
            return (null, false, dial);
        }

        var upstream = new TunnelUpstream(route, tunnel);
        _tunnels[route.Id] = upstream;
        return (upstream, false, dial);
    }

    /// <summary>Closes one that can carry no further request.</summary>
    public async ValueTask DropAsync(Upstream? upstream)
    {
        if (upstream is null)
        {
            return;
        }

        if (ReferenceEquals(upstream, _app))
        {
            _app = null;
        }
        else if (upstream.Route is { } route)
        {
            _tunnels.Remove(route.Id);
        }

        await upstream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the tunnels of intercepts that are gone, so a leave does not wait for this client's next request.</summary>
    public async ValueTask PruneAsync(RouteSnapshot current)
    {
        foreach (var stale in _tunnels.Values.Where(t => !current.Contains(t.Route!.Id)).ToList())
        {
            await DropAsync(stale).ConfigureAwait(false);
        }
    }

    public bool HoldsTunnels => _tunnels.Count > 0;

    public async ValueTask DisposeAsync()
    {
        await DropAsync(_app).ConfigureAwait(false);
        foreach (var tunnel in _tunnels.Values.ToList())
        {
            await DropAsync(tunnel).ConfigureAwait(false);
        }
    }
}
