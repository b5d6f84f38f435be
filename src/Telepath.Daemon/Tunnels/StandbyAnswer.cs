using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Relays;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.Daemon.Tunnels;

/// <summary>
/// Carries one intercepted connection once the manager has joined a standby tunnel to an agent's:
/// connects to the intercept's target on the laptop, tells the agent whether that worked (the dial
/// reply), and relays bytes both ways. The agent's first bytes are already on their way meanwhile.
/// </summary>
internal static class StandbyAnswer
{
    /// <summary>How long a refused tunnel waits for the agent to read the reply and end it.</summary>
    private static readonly TimeSpan ReplyReadTimeout = TimeSpan.FromSeconds(5);

    public static async Task<DialOutcome> RunAsync(TunnelStream tunnel, InterceptSpec spec, ILogger logger, CancellationToken cancellationToken)
    {
        await using (tunnel)
        {
            var (socket, error) = await LocalTarget.ConnectAsync(spec.TargetHost, spec.TargetPort, cancellationToken).ConfigureAwait(false);
            using var _ = socket;
            try
            {
                if (socket is null)
                {
                    Log.DialFailed(logger, spec.Name, error!);
                    await DialReply.WriteFailedAsync(tunnel, TunnelErrorCode.TargetUnreachable, error!, cancellationToken).ConfigureAwait(false);
                    await tunnel.ShutdownWriteAsync().ConfigureAwait(false);
                    await AwaitEndAsync(tunnel, cancellationToken).ConfigureAwait(false);
                    return DialOutcome.TargetUnreachable;
                }

                await DialReply.WriteConnectedAsync(tunnel, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return DialOutcome.Aborted;
            }

            return (await DuplexRelay.RunAsync(RelayEnds.ForSocket(socket), RelayEnds.ForTunnel(tunnel), cancellationToken).ConfigureAwait(false)).Outcome switch
            {
                RelayOutcome.Completed => DialOutcome.Completed,
                RelayOutcome.Cancelled => DialOutcome.Cancelled,
                _ => DialOutcome.Aborted,
            };
        }
    }

    /// <summary>Ending at once could reset the stream before the agent has read the reply: let the agent end it.</summary>
    private static async Task AwaitEndAsync(TunnelStream tunnel, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReplyReadTimeout);
        var discard = new byte[4096];
        try
        {
            while (await tunnel.ReadAsync(discard, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The agent reset it, or did not end it in time: either way it is over.
        }
    }
}
