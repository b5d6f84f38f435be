using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core.Tunnels;
using Telepath.Protocol.Manager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Daemon.Tunnels;

/// <summary>
/// Answers one <see cref="DialRequest"/>: connects to the local app, opens a tunnel naming the
/// connection, and relays bytes both ways (docs/protocol.md, "Tunnels", step 4).
/// </summary>
internal sealed class DialAnswerer(ProtocolManager.ManagerClient manager, ILogger logger)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public async Task<DialOutcome> AnswerAsync(string sessionId, DialRequest dial, CancellationToken cancellationToken)
    {
        var (socket, error) = await LocalTarget.ConnectAsync(dial.TargetHost, dial.TargetPort, cancellationToken).ConfigureAwait(false);
        using var _ = socket;
        var open = new TunnelOpen { SessionId = sessionId, ConnectionId = dial.ConnectionId, InterceptId = dial.InterceptId };
        if (error is not null)
        {
            open.Error = new TunnelError { Code = TunnelErrorCode.TargetUnreachable, Message = error };
        }

        using var call = manager.Tunnel(cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new TunnelMessage { Open = open }, cancellationToken).ConfigureAwait(false);
            if (socket is null)
            {
                Log.DialFailed(logger, dial.InterceptName, error!);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                await DrainAsync(call, cancellationToken).ConfigureAwait(false);
                return DialOutcome.TargetUnreachable;
            }

            RelayOutcome outcome;
            await using (var tunnel = new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync()))
            {
                outcome = await DuplexRelay.RunAsync(RelayEnds.ForSocket(socket), RelayEnds.ForTunnel(tunnel), cancellationToken).ConfigureAwait(false);
            }

            if (outcome == RelayOutcome.Completed)
            {
                // Disposing a call the manager has not ended yet resets it, and a reset can overtake our
                // close_write on its way to the agent, which then sees ABORTED: let the manager end it.
                await DrainAsync(call, cancellationToken).ConfigureAwait(false);
            }

            return outcome switch
            {
                RelayOutcome.Completed => DialOutcome.Completed,
                RelayOutcome.Cancelled => DialOutcome.Cancelled,
                _ => DialOutcome.Aborted,
            };
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            Log.TunnelLost(logger, dial.InterceptName, e.Status.Detail);
            return DialOutcome.ManagerLost;
        }
    }

    /// <summary>Lets the manager end the call itself, so it sees a clean end rather than a reset.</summary>
    private static async Task DrainAsync(AsyncDuplexStreamingCall<TunnelMessage, TunnelMessage> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DrainTimeout);
        try
        {
            while (await call.ResponseStream.MoveNext(timeout.Token).ConfigureAwait(false))
            {
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            // Ended either way.
        }
    }
}
