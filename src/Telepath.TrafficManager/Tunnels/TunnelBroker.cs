using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Sessions;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>
/// Pairs an agent's tunnel with the one its intercept's client opens in answer to a dial, then
/// relays them (docs/protocol.md, "Tunnels").
/// </summary>
public sealed class TunnelBroker(SessionRegistry sessions, InterceptTable intercepts, ManagerOptions options, ILogger<TunnelBroker> logger)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DialAnswer>> _pendingDials = new();

    public async Task HandleAsync(TunnelEnd end, ServerCallContext context)
    {
        if (!await end.Reader.MoveNext(context.CancellationToken).ConfigureAwait(false) || end.Reader.Current.KindCase != TunnelMessage.KindOneofCase.Open)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a tunnel must start with an open message"));
        }

        var open = end.Reader.Current.Open;
        var session = sessions.Require(open.SessionId);
        if (session.Kind == SessionKind.Agent)
        {
            await HandleAgentAsync(end, open, context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            await HandleClientAsync(end, open, session, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandleAgentAsync(TunnelEnd agent, TunnelOpen open, CancellationToken cancellationToken)
    {
        if (!intercepts.TryGetById(open.InterceptId, out var intercept))
        {
            await RefuseAsync(agent, open.InterceptId, TunnelErrorCode.NoSuchIntercept, $"intercept {open.InterceptId} does not exist", cancellationToken).ConfigureAwait(false);
            return;
        }

        var name = intercept.Spec.Name;
        if (!sessions.TryGet(intercept.ClientSessionId, out var client) || !client.CanDial)
        {
            await RefuseAsync(agent, name, TunnelErrorCode.ClientUnreachable, $"{intercept.ClientName} is not connected to the traffic manager", cancellationToken).ConfigureAwait(false);
            return;
        }

        var connectionId = Guid.NewGuid().ToString("N");
        var pending = new TaskCompletionSource<DialAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingDials[connectionId] = pending;
        DialAnswer answer;
        try
        {
            client.Dials.Writer.TryWrite(new DialRequest
            {
                ConnectionId = connectionId,
                InterceptId = intercept.Id,
                InterceptName = name,
                TargetHost = intercept.Spec.TargetHost,
                TargetPort = intercept.Spec.TargetPort,
            });
            answer = await pending.Task.WaitAsync(options.DialTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await RefuseAsync(agent, name, TunnelErrorCode.ClientUnreachable, $"{intercept.ClientName} did not answer within {options.DialTimeout.TotalSeconds:0} s", cancellationToken).ConfigureAwait(false);
            return;
        }
        finally
        {
            _pendingDials.TryRemove(connectionId, out _);
        }

        if (answer.Error is not null)
        {
            await RefuseAsync(agent, name, answer.Error.Code, answer.Error.Message, cancellationToken).ConfigureAwait(false);
            answer.Done.TrySetResult(TunnelOutcome.Completed);
            return;
        }

        var outcome = TunnelOutcome.Cancelled;
        try
        {
            await agent.Writer.WriteAsync(new TunnelMessage { Established = new TunnelEstablished { ConnectionId = connectionId, ClientName = answer.ClientName } }, cancellationToken).ConfigureAwait(false);
            outcome = await TunnelRelay.RunAsync(agent, answer.End, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            answer.Done.TrySetResult(outcome);
            Log.TunnelEnded(logger, connectionId, name, outcome);
        }
    }

    private async Task HandleClientAsync(TunnelEnd client, TunnelOpen open, Session session, CancellationToken cancellationToken)
    {
        if (!_pendingDials.TryRemove(open.ConnectionId, out var pending))
        {
            // The agent gave up (timeout) or went away; ending the call tells the client.
            return;
        }

        var answer = new DialAnswer(client, open.Error, session.Name, new TaskCompletionSource<TunnelOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        pending.TrySetResult(answer);

        // The relay runs on the agent's call; this call must stay open until it is over.
        await answer.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RefuseAsync(TunnelEnd agent, string intercept, TunnelErrorCode code, string message, CancellationToken cancellationToken)
    {
        Log.TunnelRefused(logger, intercept, code, message);
        await agent.Writer.WriteAsync(new TunnelMessage { Error = new TunnelError { Code = code, Message = message } }, cancellationToken).ConfigureAwait(false);
    }
}
