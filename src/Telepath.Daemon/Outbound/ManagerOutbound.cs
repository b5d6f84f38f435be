using Telepath.Daemon.Sessions;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.Daemon.Outbound;

/// <summary>Outbound tunnels through the manager the session is at (docs/protocol.md, "Outbound").</summary>
internal sealed class ManagerOutbound(ManagerSession session) : IOutboundTunnels
{
    /// <summary>The manager dials within its own 10 s; this bounds a manager that does not answer at all.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Asks the manager to connect to <paramref name="destination"/> and carry the bytes.</summary>
    public async Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, bool waitForAnswer, CancellationToken cancellationToken)
    {
        var tunnel = session.Link.Tunnels.Open(TunnelWire.OutboundPath,
        [
            new(TunnelWire.SessionHeader, session.Secret),
            new(TunnelWire.HostHeader, destination.Host),
            new(TunnelWire.PortHeader, destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        if (!waitForAnswer)
        {
            return OutboundResult.Opened(tunnel, "");
        }

        using var answerTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answerTimeout.CancelAfter(AnswerTimeout);
        TunnelAnswer answer;
        try
        {
            answer = await tunnel.AnswerAsync(answerTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            return OutboundResult.Failed(OutboundFailure.TimedOut, $"the traffic manager at {session.Options.Address} did not answer within {AnswerTimeout.TotalSeconds:0} s");
        }
        catch
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (answer.Established)
        {
            return OutboundResult.Opened(tunnel, answer.Header(TunnelWire.RemoteAddressHeader));
        }

        await tunnel.DisposeAsync().ConfigureAwait(false);
        return Refused(answer);
    }

    /// <summary>Why the manager refused an outbound tunnel, as the proxies report it.</summary>
    private OutboundResult Refused(TunnelAnswer answer) => OutboundResult.Failed(
        answer.Refusal switch
        {
            TunnelErrorCode.NameNotFound => OutboundFailure.NameNotFound,
            TunnelErrorCode.ConnectionRefused => OutboundFailure.ConnectionRefused,
            TunnelErrorCode.TimedOut => OutboundFailure.TimedOut,
            TunnelErrorCode.HostUnreachable => OutboundFailure.HostUnreachable,
            TunnelErrorCode.DestinationNotAllowed => OutboundFailure.NotAllowed,
            _ => OutboundFailure.ManagerUnavailable,
        },
        answer.Refusal == TunnelErrorCode.ManagerUnreachable ? $"the traffic manager at {session.Options.Address} is out of reach: {answer.Message}" : answer.Message);
}
