using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core.Tunnels;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Tunnels;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// Serves one Outbound call (docs/protocol.md, "Outbound"): checks the session, dials the destination
/// inside the cluster, answers with <c>established</c> or the dial's error, then relays bytes.
/// </summary>
public sealed class OutboundHandler(SessionRegistry sessions, OutboundDialer dialer, ILogger<OutboundHandler> logger)
{
    public async Task HandleAsync(TunnelEnd laptop, CancellationToken cancellationToken)
    {
        var open = await ReadOpenAsync(laptop, cancellationToken).ConfigureAwait(false);
        var client = sessions.Require(open.SessionId);
        if (client.Kind != SessionKind.Client)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "only clients open outbound connections"));
        }

        var destination = $"{open.Host}:{open.Port}";
        var dial = await dialer.DialAsync(open.Host, open.Port, cancellationToken).ConfigureAwait(false);
        if (dial.Error is { } error)
        {
            Log.OutboundRefused(logger, client.Name, destination, error.Code, error.Message);
            await laptop.Writer.WriteAsync(new TunnelMessage { Error = error }, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var socket = dial.Socket!;
        var connectionId = Guid.NewGuid().ToString("N");
        Log.OutboundOpened(logger, connectionId, client.Name, destination, dial.RemoteAddress);
        var established = new TunnelEstablished { ConnectionId = connectionId, RemoteAddress = dial.RemoteAddress };
        await laptop.Writer.WriteAsync(new TunnelMessage { Established = established }, cancellationToken).ConfigureAwait(false);

        RelayOutcome outcome;
        await using (var tunnel = new TunnelStream(laptop.Reader, laptop.Writer))
        {
            outcome = await DuplexRelay.RunAsync(RelayEnds.ForSocket(socket), RelayEnds.ForTunnel(tunnel), cancellationToken).ConfigureAwait(false);
            if (outcome == RelayOutcome.Aborted)
            {
                // Before the tunnel's disposal half-closes it: a close_write first would read as a clean end.
                await TunnelRelay.NotifyAbortedAsync(laptop, "the destination reset the connection").ConfigureAwait(false);
            }
        }

        Log.OutboundEnded(logger, connectionId, destination, outcome);
    }

    private static async Task<OutboundOpen> ReadOpenAsync(TunnelEnd laptop, CancellationToken cancellationToken)
    {
        if (!await laptop.Reader.MoveNext(cancellationToken).ConfigureAwait(false) || laptop.Reader.Current.KindCase != TunnelMessage.KindOneofCase.OutboundOpen)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "an outbound call must start with an outbound_open message"));
        }

        var open = laptop.Reader.Current.OutboundOpen;
        if (open.Host.Length == 0 || open.Port is < 1 or > 65535)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"invalid outbound destination \"{open.Host}:{open.Port}\": expected a host and a port from 1 to 65535"));
        }

        return open;
    }
}
