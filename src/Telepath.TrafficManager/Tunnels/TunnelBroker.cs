using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.TrafficManager.Auth;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Sessions;
using Telepath.Tunnels.Relays;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>
/// Joins each agent tunnel to a standby tunnel its intercept's laptop opened ahead (docs/protocol.md,
/// "Tunnels"): the agent's first bytes flow as soon as it has asked, with no round trip to the laptop.
/// </summary>
internal sealed class TunnelBroker(
    SessionRegistry sessions,
    InterceptTable intercepts,
    StandbyPool standbys,
    IHostApplicationLifetime lifetime,
    ILogger<TunnelBroker> logger)
{
    /// <summary>A laptop offers a tunnel for one of its intercepts; the request is answered only when an agent's takes it.</summary>
    public async Task ParkStandbyAsync(HttpContext context)
    {
        var (client, refusal) = TunnelCaller.Identify(context, sessions, SessionKind.Client);
        var interceptId = TunnelCaller.Header(context, TunnelWire.InterceptHeader);
        if (client is not null && refusal is null)
        {
            if (!intercepts.TryGetById(interceptId, out var intercept))
            {
                refusal = TunnelRefusal.NoSuchIntercept(interceptId);
            }
            else if (intercept.ClientSessionId != client.Id)
            {
                refusal = TunnelRefusal.NotPermitted($"intercept \"{intercept.Spec.Name}\" is held by {intercept.ClientName}, not by this laptop");
            }
        }

        if (refusal is { } refused)
        {
            await refused.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var standby = new Standby(context, interceptId);
        if (!standbys.Park(standby))
        {
            await TunnelRefusal.ClientUnreachable("this intercept already has as many standby tunnels as it may").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        using (context.RequestAborted.Register(() => Abandon(standby)))
        {
            if (await standby.Ended.Task.ConfigureAwait(false) == StandbyEnd.Retired && !context.RequestAborted.IsCancellationRequested)
            {
                await TunnelRefusal.NoSuchIntercept(interceptId).WriteAsync(context).ConfigureAwait(false);
            }
        }
    }

    /// <summary>An agent's new connection for an intercept: joined to a standby of its laptop, or refused so the agent can fail open.</summary>
    public async Task ConnectAgentAsync(HttpContext context)
    {
        var (agent, refusal) = TunnelCaller.Identify(context, sessions, SessionKind.Agent);
        var interceptId = TunnelCaller.Header(context, TunnelWire.InterceptHeader);
        Protocol.Manager.InterceptInfo? intercept = null;
        if (agent is not null && refusal is null)
        {
            if (!intercepts.TryGetById(interceptId, out intercept))
            {
                refusal = TunnelRefusal.NoSuchIntercept(interceptId);
            }
            else if (intercept.Spec.Workload != agent.Agent!.Workload || intercept.Spec.Namespace != agent.Agent.Namespace)
            {
                refusal = TunnelRefusal.NotPermitted($"intercept \"{intercept.Spec.Name}\" is not of this agent's workload");
            }
        }

        if (refusal is null && intercept is not null)
        {
            var standby = await standbys.TakeAsync(intercept.Id, context.RequestAborted).ConfigureAwait(false);
            if (standby is not null)
            {
                await JoinAsync(context, standby, intercept).ConfigureAwait(false);
                return;
            }

            refusal = TunnelRefusal.ClientUnreachable(sessions.TryGetById(intercept.ClientSessionId, out _)
                ? $"{intercept.ClientName} has no tunnel ready: its laptop has been silent for {standbys.Silence.TotalSeconds:0.#} s"
                : $"{intercept.ClientName} is not connected to the traffic manager");
        }

        Log.TunnelRefused(logger, intercept?.Spec.Name ?? interceptId, refusal!.Value.Code, refusal.Value.Message);
        await refusal.Value.WriteAsync(context).ConfigureAwait(false);
    }

    private async Task JoinAsync(HttpContext agent, Standby standby, Protocol.Manager.InterceptInfo intercept)
    {
        var connectionId = Guid.NewGuid().ToString("N");
        var outcome = RelayOutcome.Aborted;
        try
        {
            // The laptop hears first, so its dial of the local target overlaps the agent's first bytes.
            standby.Context.Response.Headers[TunnelWire.ConnectionHeader] = connectionId;
            await standby.Context.Response.BodyWriter.FlushAsync(agent.RequestAborted).ConfigureAwait(false);
            agent.Response.Headers[TunnelWire.ConnectionHeader] = connectionId;
            agent.Response.Headers[TunnelWire.ClientHeader] = intercept.ClientName;
            await agent.Response.BodyWriter.FlushAsync(agent.RequestAborted).ConfigureAwait(false);
            outcome = await TunnelJoin.RunAsync(agent, standby.Context, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            standby.Context.Abort();
        }
        finally
        {
            standby.Ended.TrySetResult(StandbyEnd.Joined);
            Log.TunnelEnded(logger, connectionId, intercept.Spec.Name, outcome);
        }
    }

    private void Abandon(Standby standby)
    {
        if (standby.TryClaim())
        {
            standbys.Remove(standby);
            standby.Ended.TrySetResult(StandbyEnd.Aborted);
        }
    }
}
