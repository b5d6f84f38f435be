using System.Net.Sockets;
using Telepath.Tunnels.Relays;
using Telepath.Tunnels.Streams;

namespace Telepath.Daemon.Outbound;

/// <summary>The data phase of a proxied connection: bytes both ways between the client and its tunnel, with half-close.</summary>
internal static class OutboundRelay
{
    public static async Task<ProxyOutcome> RunAsync(Socket client, TunnelStream tunnel, CancellationToken cancellationToken) =>
        (await DuplexRelay.RunAsync(RelayEnds.ForSocket(client), RelayEnds.ForTunnel(tunnel), cancellationToken).ConfigureAwait(false)).Outcome switch
        {
            RelayOutcome.Completed => ProxyOutcome.Completed,
            RelayOutcome.Cancelled => ProxyOutcome.Cancelled,
            _ => ProxyOutcome.Aborted,
        };
}
