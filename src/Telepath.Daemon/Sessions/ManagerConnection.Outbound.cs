using Telepath.Daemon.Outbound;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.Daemon.Sessions;

public sealed partial class ManagerConnection : IOutboundTunnels
{
    /// <summary>The manager dials within its own 10 s; this bounds a manager that does not answer at all.</summary>
    private static readonly TimeSpan OutboundAnswerTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Asks the manager to connect to <paramref name="destination"/> and carry the bytes (docs/protocol.md, "Outbound").</summary>
    public async Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, bool waitForAnswer, CancellationToken cancellationToken)
    {
        var tunnel = _link.Tunnels.Open(TunnelWire.OutboundPath,
        [
            new(TunnelWire.SessionHeader, SessionSecret),
            new(TunnelWire.HostHeader, destination.Host),
            new(TunnelWire.PortHeader, destination.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        if (!waitForAnswer)
        {
            return OutboundResult.Opened(tunnel, "");
        }

        using var answerTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answerTimeout.CancelAfter(OutboundAnswerTimeout);
        TunnelAnswer answer;
        try
        {
            answer = await tunnel.AnswerAsync(answerTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            return OutboundResult.Failed(OutboundFailure.TimedOut, $"the traffic manager at {Options.Address} did not answer within {OutboundAnswerTimeout.TotalSeconds:0} s");
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
        answer.Refusal == TunnelErrorCode.ManagerUnreachable ? $"the traffic manager at {Options.Address} is out of reach: {answer.Message}" : answer.Message);
}
