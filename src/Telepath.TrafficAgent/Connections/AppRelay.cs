using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Hosting;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Watching;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficAgent.Connections;

/// <summary>Carries a connection that is not HTTP (or that a global intercept gave back) to the app as plain TCP.</summary>
internal sealed class AppRelay(AgentOptions options, RouteTable routes, RequestLog requestLog, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<AppRelay> logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <param name="reason">Why the connection goes to the app, for the request log.</param>
    public async Task RelayAsync(ConnectionContext connection, string reason = "not HTTP, and no global intercept")
    {
        var watched = requestLog.Begin(routes.Current);
        using var socket = new Socket(options.App.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(options.App, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Log.AppUnreachable(logger, connection.ConnectionId, options.App.ToString(), e.Message);
            if (watched is { } failed)
            {
                requestLog.Tcp(failed, null, "", $"{reason}; the app could not be reached", 0, 0);
            }

            return;
        }

        // Raw TCP has no graceful end the agent could wait for, so shutting down ends these relays at once.
        var relayed = await DuplexRelay.RunAsync(ConnectionEnd.For(connection), RelayEnds.ForSocket(socket), AgentLimits.RawTcpRelay(time), lifetime.ApplicationStopping).ConfigureAwait(false);
        Log.RelayedToApp(logger, connection.ConnectionId, relayed.Outcome);
        if (watched is { } started)
        {
            requestLog.Tcp(started, null, "", reason, relayed.AToB, relayed.BToA);
        }
    }
}
