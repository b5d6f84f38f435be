using Grpc.Core;
using Telepath.Core.Tunnels;
using Telepath.Daemon.Outbound;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Sessions;

public sealed partial class ManagerConnection : IOutboundTunnels
{
    /// <summary>The manager dials within its own 10 s; this bounds a manager that does not answer at all.</summary>
    private static readonly TimeSpan OutboundAnswerTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Asks the manager to connect to <paramref name="destination"/> and carry the bytes (docs/protocol.md, "Outbound").</summary>
    public async Task<OutboundResult> OpenOutboundAsync(ProxyDestination destination, CancellationToken cancellationToken)
    {
        var call = _manager.Outbound(cancellationToken: cancellationToken);
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(OutboundAnswerTimeout);
        try
        {
            var open = new OutboundOpen { SessionId = SessionId, Host = destination.Host, Port = destination.Port };
            await call.RequestStream.WriteAsync(new TunnelMessage { OutboundOpen = open }, answer.Token).ConfigureAwait(false);
            if (await call.ResponseStream.MoveNext(answer.Token).ConfigureAwait(false))
            {
                var first = call.ResponseStream.Current;
                if (first.KindCase == TunnelMessage.KindOneofCase.Established)
                {
                    var tunnel = new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync(), call);
                    return OutboundResult.Opened(tunnel, first.Established.RemoteAddress);
                }

                if (first.KindCase == TunnelMessage.KindOneofCase.Error)
                {
                    call.Dispose();
                    return OutboundResult.Failed(FailureOf(first.Error.Code), first.Error.Message);
                }
            }

            call.Dispose();
            return OutboundResult.Failed(OutboundFailure.ManagerUnavailable, $"the traffic manager at {Options.Address} ended the call without an answer");
        }
        catch (RpcException e)
        {
            call.Dispose();
            return OutboundResult.Failed(OutboundFailure.ManagerUnavailable, ManagerFailure.Describe(e, Options.Address).Status.Detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            call.Dispose();
            return OutboundResult.Failed(OutboundFailure.TimedOut, $"the traffic manager at {Options.Address} did not answer within {OutboundAnswerTimeout.TotalSeconds:0} s");
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private static OutboundFailure FailureOf(TunnelErrorCode code) => code switch
    {
        TunnelErrorCode.NameNotFound => OutboundFailure.NameNotFound,
        TunnelErrorCode.ConnectionRefused => OutboundFailure.ConnectionRefused,
        TunnelErrorCode.TimedOut => OutboundFailure.TimedOut,
        TunnelErrorCode.HostUnreachable => OutboundFailure.HostUnreachable,
        _ => OutboundFailure.ManagerUnavailable,
    };
}
