using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Telepath.TrafficAgent.Routing;

/// <summary>
/// Holds the current <see cref="RouteSnapshot"/>. Readers take the whole snapshot once per connection
/// or request, so a change never shows them half of an update (YARP's InMemoryConfigProvider).
/// </summary>
internal sealed class RouteTable(ILogger<RouteTable> logger)
{
    private State _state = new(RouteSnapshot.Empty, new CancellationTokenSource());

    public RouteSnapshot Current => Volatile.Read(ref _state).Snapshot;

    /// <summary>Fires once, when the current snapshot is replaced.</summary>
    public IChangeToken ChangeToken => new CancellationChangeToken(Volatile.Read(ref _state).Changed.Token);

    public void Update(RouteSnapshot next)
    {
        var previous = Interlocked.Exchange(ref _state, new State(next, new CancellationTokenSource()));
        // The watched flag is no change of routes: a watch starting or ending would only add noise to the log.
        if (!previous.Snapshot.Source.Intercepts.Equals(next.Source.Intercepts))
        {
            Log.RoutesChanged(logger, next.ToString());
        }

        previous.Changed.Cancel();
    }

    /// <summary>Fails open: with no word from the manager, every connection and request goes to the app.</summary>
    public void Clear() => Update(RouteSnapshot.Empty);

    private sealed record State(RouteSnapshot Snapshot, CancellationTokenSource Changed);
}
