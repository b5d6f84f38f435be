using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Hosting;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Tunnels;
using Telepath.TrafficAgent.Watching;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficAgent.Connections;

/// <summary>
/// A global intercept carries any TCP protocol: a connection that is not HTTP is relayed whole through
/// a tunnel to the laptop (HTTP requests are routed one by one by the request router).
/// </summary>
internal sealed class GlobalInterceptClaim(
    RouteTable routes,
    TunnelDialer dialer,
    AppRelay app,
    RequestLog requestLog,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<GlobalInterceptClaim> logger)
{
    private static readonly TimeSpan TunnelOpenTimeout = TimeSpan.FromSeconds(15);

    /// <returns>False when no global intercept is active: the connection goes to the app.</returns>
    public async Task<bool> ClaimAsync(ConnectionContext connection)
    {
        var snapshot = routes.Current;
        var route = snapshot.Global;
        if (route is null)
        {
            return false;
        }

        var watched = requestLog.Begin(snapshot);

        TunnelDial dial;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping))
        {
            timeout.CancelAfter(TunnelOpenTimeout);
            dial = await dialer.DialAsync(route, timeout.Token).ConfigureAwait(false);
        }

        if (dial.Stream is { } tunnel)
        {
            await using (tunnel)
            {
                // A tunnel that did not close both ways is disposed as an abort, so the laptop sees a reset, not an end.
                var relayed = await DuplexRelay.RunAsync(ConnectionEnd.For(connection), RelayEnds.ForTunnel(tunnel), AgentLimits.RawTcpRelay(time), lifetime.ApplicationStopping).ConfigureAwait(false);
                Log.RelayedToIntercept(logger, connection.ConnectionId, route.Name, relayed.Outcome);
                if (watched is { } started)
                {
                    requestLog.Tcp(started, route, route.ClientName, "", relayed.AToB, relayed.BToA);
                }
            }
        }
        else if (dial.Outcome.FailsOpen())
        {
            Log.GlobalFailingOpen(logger, connection.ConnectionId, route.Name, dial.Outcome, dial.Message);
            await app.RelayAsync(connection, "the global intercept's laptop could not take it (failed open)").ConfigureAwait(false);
        }
        else if (dial.Outcome != TunnelDialOutcome.Cancelled)
        {
            // The bytes may not be HTTP, so there is no error page to give: closing is the honest answer.
            Log.GlobalRefused(logger, connection.ConnectionId, route.Name, route.TargetAddress, route.ClientName, dial.Outcome, dial.Message);
        }

        return true;
    }
}
