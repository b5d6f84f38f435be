using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Sessions;
using Telepath.TrafficManager.Tunnels;
using Telepath.Tunnels.Relays;
using Telepath.Tunnels.Volumes;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficManager.Volumes;

/// <summary>
/// Joins a laptop's volumes tunnel to a tunnel one of the intercepted workload's agents parked ahead
/// (docs/protocol.md, "Volumes"): the laptop cannot dial an agent, so the agent offers first, as laptops
/// do for intercepted connections, in the other direction.
/// </summary>
internal sealed class VolumeBroker(
    SessionRegistry sessions,
    InterceptTable intercepts,
    VolumeStandbys standbys,
    IHostApplicationLifetime lifetime,
    ILogger<VolumeBroker> logger)
{
    /// <summary>An agent offers to serve a volume; the request is answered only when a laptop's volumes tunnel takes it.</summary>
    public async Task ParkAsync(HttpContext context)
    {
        var (agent, refusal) = TunnelCaller.Identify(context, sessions, SessionKind.Agent, "only agents offer volume standbys");
        if (agent is null || refusal is not null)
        {
            await refusal!.Value.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var standby = new VolumeStandby(context, VolumeStandby.KeyOf(agent.Agent!.Namespace, agent.Agent.Workload), agent.Id);
        if (!standbys.Park(standby))
        {
            var tooMany = new TunnelRefusal(StatusCodes.Status429TooManyRequests, TunnelErrorCode.NotPermitted, "this agent already has as many volume standbys as it may");
            await tooMany.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        using (context.RequestAborted.Register(() => Abandon(standby)))
        {
            if (await standby.Ended.Task.ConfigureAwait(false) is { } ended && !context.RequestAborted.IsCancellationRequested)
            {
                await ended.WriteAsync(context).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A laptop asks one of its intercepted workload's agents for a volume (or the list of them).</summary>
    public async Task OpenAsync(HttpContext context)
    {
        var (client, refusal) = TunnelCaller.Identify(context, sessions, SessionKind.Client);
        var interceptId = TunnelCaller.Header(context, TunnelWire.InterceptHeader);
        var volume = TunnelCaller.Header(context, TunnelWire.VolumeHeader);
        InterceptInfo? intercept = null;
        if (client is not null && refusal is null)
        {
            if (!intercepts.TryGetById(interceptId, out intercept))
            {
                refusal = TunnelRefusal.NoSuchIntercept(interceptId);
            }
            else if (intercept.ClientSessionId != client.Id)
            {
                refusal = TunnelRefusal.NotPermitted($"intercept \"{intercept.Spec.Name}\" is held by {intercept.ClientName}, not by this laptop");
            }
            else if (volume.Length > 0 && !VolumeList.IsSafePath(volume))
            {
                refusal = TunnelRefusal.NoSuchVolume(volume);
            }
        }

        if (refusal is null && intercept is not null)
        {
            var workload = VolumeStandby.KeyOf(intercept.Spec.Namespace, intercept.Spec.Workload);
            if (await TakeLiveAsync(workload, context.RequestAborted).ConfigureAwait(false) is { } standby)
            {
                await JoinAsync(context, standby, intercept, volume).ConfigureAwait(false);
                return;
            }

            refusal = TunnelRefusal.VolumesUnavailable(
                $"no agent of {workload} serves volumes: none runs, or it was started without --volume or without sftp-server");
        }

        Log.VolumesRefused(logger, intercept?.Spec.Name ?? interceptId, volume, refusal!.Value.Code, refusal.Value.Message);
        await refusal.Value.WriteAsync(context).ConfigureAwait(false);
    }

    /// <summary>A standby whose agent session still exists: one of a departed agent is told to arrive again.</summary>
    private async Task<VolumeStandby?> TakeLiveAsync(string workload, CancellationToken cancellationToken)
    {
        while (await standbys.TakeAsync(workload, cancellationToken).ConfigureAwait(false) is { } standby)
        {
            if (sessions.TryGetById(standby.SessionId, out _))
            {
                return standby;
            }

            standby.Ended.TrySetResult(TunnelRefusal.UnknownSession());
        }

        return null;
    }

    private async Task JoinAsync(HttpContext laptop, VolumeStandby standby, InterceptInfo intercept, string volume)
    {
        var connectionId = Guid.NewGuid().ToString("N");
        var outcome = RelayOutcome.Aborted;
        try
        {
            standby.Context.Response.Headers[TunnelWire.VolumeHeader] = volume;
            standby.Context.Response.Headers[TunnelWire.ConnectionHeader] = connectionId;
            standby.Context.Response.Headers[TunnelWire.ClientHeader] = intercept.ClientName;
            await standby.Context.Response.BodyWriter.FlushAsync(laptop.RequestAborted).ConfigureAwait(false);
            laptop.Response.Headers[TunnelWire.ConnectionHeader] = connectionId;
            await laptop.Response.BodyWriter.FlushAsync(laptop.RequestAborted).ConfigureAwait(false);
            outcome = await TunnelJoin.RunAsync(laptop, standby.Context, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            standby.Context.Abort();
        }
        finally
        {
            standby.Ended.TrySetResult(null);
            Log.VolumeTunnelEnded(logger, connectionId, intercept.Spec.Name, volume, outcome);
        }
    }

    private void Abandon(VolumeStandby standby)
    {
        if (standby.TryClaim())
        {
            standbys.Remove(standby);
            standby.Ended.TrySetResult(null);
        }
    }
}
