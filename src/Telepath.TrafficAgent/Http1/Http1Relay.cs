using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Mirroring;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Tunnels;
using Telepath.TrafficAgent.Watching;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// The agent's HTTP/1.x path (docs/agent-protocols.md): requests are routed one by one by the same
/// intercept conditions as Kestrel's path, but their bytes are relayed, not parsed into objects and
/// written again, so a request costs about what a TCP relay's bytes cost.
/// </summary>
internal sealed class Http1Relay(
    RouteTable routes,
    AppConnector app,
    TunnelDialer dialer,
    ForwardingCounters counters,
    RequestLog requestLog,
    Mirrors mirrors,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<Http1Relay> logger)
{
    public RouteTable Routes => routes;

    public AppConnector App => app;

    public TunnelDialer Dialer => dialer;

    public ForwardingCounters Counters => counters;

    public RequestLog RequestLog => requestLog;

    public Mirrors Mirrors => mirrors;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <returns>False when Kestrel's HTTP/1.1 pipeline must take the connection; its next request is unread.</returns>
    public async Task<bool> RelayAsync(ConnectionContext client)
    {
        await using var connection = new Http1Connection(client, this);
        return await connection.RunAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
    }
}
