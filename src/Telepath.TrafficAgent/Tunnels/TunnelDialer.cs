using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core.Tunnels;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Sessions;

namespace Telepath.TrafficAgent.Tunnels;

/// <summary>Opens a <c>Tunnel</c> call for an intercept and waits for the manager's answer (docs/protocol.md, "Tunnels").</summary>
internal sealed class TunnelDialer(Manager.ManagerClient manager, AgentSession session, ILogger<TunnelDialer> logger)
{
    public async Task<TunnelDial> DialAsync(InterceptRoute route, CancellationToken cancellationToken)
    {
        var sessionId = session.Id;
        if (sessionId is null)
        {
            return TunnelDial.Failed(TunnelDialOutcome.ManagerUnreachable, "the agent has no session with the traffic manager");
        }

        // The call outlives the dial (it is the connection), so the dial's token only bounds the handshake.
        var call = manager.Tunnel();
        try
        {
            await call.RequestStream.WriteAsync(Open(sessionId, route), cancellationToken).ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return Fail(call, TunnelDialOutcome.ManagerUnreachable, "the traffic manager ended the tunnel without an answer");
            }

            var reply = call.ResponseStream.Current;
            switch (reply.KindCase)
            {
                case TunnelMessage.KindOneofCase.Established:
                    Log.TunnelEstablished(logger, route.Name, reply.Established.ConnectionId, reply.Established.ClientName);
                    return TunnelDial.Established(new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync(), call));
                case TunnelMessage.KindOneofCase.Error:
                    return Fail(call, Classify(reply.Error.Code), reply.Error.Message);
                default:
                    return Fail(call, TunnelDialOutcome.Failed, $"the traffic manager answered the tunnel open with {reply.KindCase}");
            }
        }
        catch (RpcException e)
        {
            return Fail(call, TunnelDialOutcome.ManagerUnreachable, $"the tunnel call failed: {e.StatusCode}: {e.Status.Detail}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(call, TunnelDialOutcome.ManagerUnreachable, "the traffic manager did not answer the tunnel open in time");
        }
        catch (Exception)
        {
            call.Dispose();
            throw;
        }

        TunnelDial Fail(AsyncDuplexStreamingCall<TunnelMessage, TunnelMessage> failed, TunnelDialOutcome outcome, string message)
        {
            failed.Dispose();
            Log.TunnelNotEstablished(logger, route.Name, outcome, message);
            return TunnelDial.Failed(outcome, message);
        }
    }

    private static TunnelMessage Open(string sessionId, InterceptRoute route) =>
        new() { Open = new TunnelOpen { SessionId = sessionId, InterceptId = route.Id } };

    private static TunnelDialOutcome Classify(TunnelErrorCode code) => code switch
    {
        TunnelErrorCode.ClientUnreachable => TunnelDialOutcome.ClientUnreachable,
        TunnelErrorCode.NoSuchIntercept => TunnelDialOutcome.NoSuchIntercept,
        TunnelErrorCode.TargetUnreachable => TunnelDialOutcome.TargetUnreachable,
        _ => TunnelDialOutcome.Failed,
    };
}
