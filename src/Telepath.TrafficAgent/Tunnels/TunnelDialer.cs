using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Sessions;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficAgent.Tunnels;

/// <summary>
/// Opens a tunnel for an intercept and waits for the manager's answer, which comes at once: the
/// manager joins it to a tunnel the laptop opened ahead (docs/protocol.md, "Tunnels"). Nothing is
/// sent before the answer, so a refusal can still fail open to the app.
/// </summary>
internal sealed class TunnelDialer(TunnelOpener tunnels, AgentSession session, ILogger<TunnelDialer> logger)
{
    /// <summary>The manager answers within its own patience for a silent laptop; this bounds a manager that does not answer at all.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    public async Task<TunnelDial> DialAsync(InterceptRoute route, CancellationToken cancellationToken)
    {
        var sessionSecret = session.Secret;
        if (sessionSecret is null)
        {
            return Fail(route, TunnelDialOutcome.ManagerUnreachable, "the agent has no session with the traffic manager");
        }

        var tunnel = tunnels.Open(
            TunnelWire.InterceptPath,
            [new(TunnelWire.SessionHeader, sessionSecret), new(TunnelWire.InterceptHeader, route.Id)],
            expectsDialReply: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        TunnelAnswer answer;
        try
        {
            answer = await tunnel.AnswerAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            // The caller going away is no reason to send its request anywhere else.
            return cancellationToken.IsCancellationRequested
                ? Fail(route, TunnelDialOutcome.Cancelled, "the connection went away before its tunnel was open")
                : Fail(route, TunnelDialOutcome.ManagerUnreachable, $"the traffic manager did not answer within {AnswerTimeout.TotalSeconds:0} s");
        }

        if (answer.Established)
        {
            Log.TunnelEstablished(logger, route.Name, answer.Header(TunnelWire.ConnectionHeader), answer.Header(TunnelWire.ClientHeader));
            return TunnelDial.Established(tunnel);
        }

        await tunnel.DisposeAsync().ConfigureAwait(false);
        return Fail(route, Classify(answer.Refusal!.Value), answer.Message);
    }

    private TunnelDial Fail(InterceptRoute route, TunnelDialOutcome outcome, string message)
    {
        Log.TunnelNotEstablished(logger, route.Name, outcome, message);
        return TunnelDial.Failed(outcome, message);
    }

    private static TunnelDialOutcome Classify(TunnelErrorCode code) => code switch
    {
        TunnelErrorCode.ClientUnreachable => TunnelDialOutcome.ClientUnreachable,
        // Another workload's intercept, or one removed meanwhile: not this agent's to serve.
        TunnelErrorCode.NoSuchIntercept or TunnelErrorCode.NotPermitted => TunnelDialOutcome.NoSuchIntercept,
        // The agent's session is re-made by its session loop; until then the app serves.
        TunnelErrorCode.ManagerUnreachable or TunnelErrorCode.UnknownSession => TunnelDialOutcome.ManagerUnreachable,
        TunnelErrorCode.TargetUnreachable => TunnelDialOutcome.TargetUnreachable,
        _ => TunnelDialOutcome.Failed,
    };
}
