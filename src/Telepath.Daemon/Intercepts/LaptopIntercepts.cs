using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Daemon.Sessions;
using Telepath.Daemon.Tunnels;
using Telepath.Daemon.Volumes;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Intercepts;

/// <summary>
/// The intercepts this laptop holds at its manager: creating them (with the workload claim the manager
/// asks for), leaving them, re-creating them after the manager forgot the session, and the standby
/// tunnels each keeps parked so an agent's new connection reaches the laptop at once.
/// </summary>
public sealed class LaptopIntercepts : IAsyncDisposable
{
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultActivationWait = TimeSpan.FromSeconds(5);

    private readonly ManagerSession _session;
    private readonly ManagerView _view;
    private readonly ILogger _logger;
    private readonly LiveTunnels _tunnels = new();
    private readonly StandbyTunnels _standbys;
    private readonly VolumeMounts _volumes;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();

    internal LaptopIntercepts(ManagerSession session, ManagerView view, ILogger logger)
    {
        _session = session;
        _view = view;
        _logger = logger;
        _standbys = new StandbyTunnels(session.Link.Tunnels, () => session.Secret, _tunnels, logger, _lifetime.Token);
        _volumes = new VolumeMounts(session.Link.Tunnels, () => session.Secret, session.Options.MountsRoot, logger);
    }

    public OwnedIntercepts Owned { get; } = new();

    private ConnectionOptions Options => _session.Options;

    /// <summary>
    /// Creates an intercept at the manager and waits, up to the request's timeout (else a few seconds),
    /// until it is ACTIVE: every agent of the workload routes by it. It returns the intercept as it is
    /// then, WAITING with its reason if the wait ran out. The manager's refusals pass through unchanged.
    /// </summary>
    public async Task<InterceptInfo> InterceptAsync(InterceptRequest request, CancellationToken cancellationToken)
    {
        // The id is ours, so the auto header can name it before the intercept exists (docs/protocol.md).
        var id = Guid.NewGuid().ToString();
        var spec = InterceptSpecs.Complete(request, id, Options.Namespace);
        InterceptInfo info;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            info = await CreateClaimedAsync(spec, id, cancellationToken).ConfigureAwait(false);
            Owned.Add(info.Id, info.Spec);
            _standbys.Offer(info.Id, info.Spec);
        }
        finally
        {
            _gate.Release();
        }

        Log.InterceptCreated(_logger, info.Spec.Name, info.Spec.Workload, info.Id);

        // Until it is ACTIVE the first requests may still reach the app; and a status or list right after this shows it.
        var patience = request.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(request.TimeoutSeconds) : DefaultActivationWait;
        await _view.WaitUntilAsync(v => Seen(v, info.Id) is { State: InterceptState.Active }, patience, cancellationToken).ConfigureAwait(false);
        return Seen(_view, info.Id) ?? info;
    }

    /// <summary>
    /// Mounts the app container's volumes for an intercept this laptop holds (docs/volumes.md). Never
    /// fails: what could not be mounted, and why, is in the answer; the intercept works without it.
    /// </summary>
    /// <returns>Null when the workload's agents serve no volumes.</returns>
    public Task<MountInfo?> MountVolumesAsync(InterceptInfo intercept, MountRequest? request, IProgress<string> progress, CancellationToken cancellationToken) =>
        _volumes.MountAsync(
            intercept,
            _view.Agents.Agents.Any(a => a.Workload == intercept.Spec.Workload && a.Namespace == intercept.Spec.Namespace && a.Volumes > 0),
            request,
            progress,
            cancellationToken);

    /// <summary>This laptop's volume mounts, by intercept name.</summary>
    public IReadOnlyDictionary<string, MountInfo> Mounts =>
        _volumes.ByName(id => Owned.All.FirstOrDefault(o => o.Id == id)?.Spec.Name);

    private static InterceptInfo? Seen(ManagerView view, string id) => view.Intercepts.Intercepts.FirstOrDefault(i => i.Id == id);

    /// <summary>
    /// Removes the intercept at the manager (new requests go to the app again), then lets its
    /// tunnels finish for up to the grace period and closes what is left.
    /// </summary>
    public async Task<InterceptInfo> LeaveAsync(string name, CancellationToken cancellationToken)
    {
        OwnedIntercept? owned;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Owned.TryGet(name, out owned))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"no intercept named \"{name}\" on this laptop; \"telepath list\" shows intercepts"));
            }

            // First, so the laptop's app lets go of the files before the agent may be removed.
            await _volumes.UnmountAsync(owned.Id).ConfigureAwait(false);

            try
            {
                await _session.CallAsync(() => _session.Manager.RemoveInterceptAsync(
                    new RemoveInterceptRequest { SessionSecret = _session.Secret, Name = name },
                    deadline: _session.Deadline(),
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Already gone at the manager (it restarted, or our session expired): nothing to remove.
            }

            Owned.Remove(name);
            await _standbys.WithdrawAsync(owned.Id).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        var info = _view.Intercepts.Intercepts.FirstOrDefault(i => i.Id == owned.Id)
            ?? new InterceptInfo { Id = owned.Id, Spec = owned.Spec, ClientName = Options.ClientName, ClientSessionId = _session.Id };
        var cut = await _tunnels.DrainAsync(owned.Id, Options.LeaveGrace).ConfigureAwait(false);
        await _view.WaitUntilAsync(v => v.Intercepts.Intercepts.All(i => i.Id != owned.Id), SnapshotWait, cancellationToken).ConfigureAwait(false);
        Log.InterceptLeft(_logger, name, cut);
        return info;
    }

    /// <summary>Leaves every intercept in parallel, letting their tunnels finish; never fails.</summary>
    public Task LeaveAllAsync() => Task.WhenAll(Owned.All.Select(o => LeaveQuietlyAsync(o.Spec.Name)));

    private async Task LeaveQuietlyAsync(string name)
    {
        try
        {
            await LeaveAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            Log.LeaveFailed(_logger, name, e.Status.Detail);
        }
    }

    /// <summary>Re-creates, with the ids they had, the intercepts the manager lost.</summary>
    internal async Task RecreatePendingAsync(CancellationToken cancellationToken)
    {
        if (Owned.Pending.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var owned in Owned.Pending)
            {
                try
                {
                    await CreateClaimedAsync(owned.Spec, owned.Id, cancellationToken).ConfigureAwait(false);
                    Owned.MarkCreated(owned);
                    _standbys.Offer(owned.Id, owned.Spec);
                    Log.InterceptRecreated(_logger, owned.Spec.Name, owned.Id);
                    _ = _volumes.RemountAsync(owned.Id, _lifetime.Token);
                }
                catch (Exception e) when (e is UserErrorException || (e is RpcException r && r.StatusCode is not (StatusCode.Unavailable or StatusCode.Cancelled or StatusCode.DeadlineExceeded)))
                {
                    // Most often the workload's agent has not arrived again yet; the next agent snapshot or heartbeat retries.
                    Log.InterceptRecreateFailed(_logger, owned.Spec.Name, e is RpcException rpc ? rpc.Status.Detail : e.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Creates the intercept at the manager, first writing the manager's claim on the workload where it asks
    /// for one (Kubernetes mode: proof that our credentials may patch the workload), and removing it after.
    /// </summary>
    private async Task<InterceptInfo> CreateClaimedAsync(InterceptSpec spec, string id, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(spec, cancellationToken).ConfigureAwait(false);
        try
        {
            return await _session.CallAsync(() => _session.Manager.CreateInterceptAsync(
                new CreateInterceptRequest { SessionSecret = _session.Secret, Spec = spec, Id = id },
                deadline: _session.Deadline(),
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            if (claimed is not null)
            {
                await RemoveClaimAsync(claimed).ConfigureAwait(false);
            }
        }
    }

    private async Task<WorkloadClaimTarget?> ClaimAsync(InterceptSpec spec, CancellationToken cancellationToken)
    {
        // Without an agent the manager refuses the intercept anyway, and says why better than a claim could.
        if (Options.Claims is not { } writer ||
            _view.Agents.Agents.FirstOrDefault(a => a.Workload == spec.Workload && a.Namespace == spec.Namespace) is not { } agent)
        {
            return null;
        }

        WorkloadClaim claim;
        try
        {
            claim = await _session.CallAsync(() => _session.Manager.ClaimWorkloadAsync(
                new ClaimRequest { SessionSecret = _session.Secret, Namespace = spec.Namespace, Workload = spec.Workload, WorkloadKind = agent.WorkloadKind },
                deadline: _session.Deadline(),
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            // A manager older than claims checks none.
            return null;
        }

        if (!claim.Required)
        {
            return null;
        }

        var target = new WorkloadClaimTarget(agent.WorkloadKind, spec.Namespace, spec.Workload, claim.Annotation);
        await writer.WriteAsync(target, claim.Value, cancellationToken).ConfigureAwait(false);
        return target;
    }

    private async Task RemoveClaimAsync(WorkloadClaimTarget target)
    {
        try
        {
            await Options.Claims!.RemoveAsync(target, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or UserErrorException)
        {
            // Harmless once the intercept exists (the value was good for one intercept); uninstall removes it.
            Log.ClaimNotRemoved(_logger, target.Workload, e.Message);
        }
    }

    /// <summary>Stops the standbys; the tunnels they carry end with the link.</summary>
    public async ValueTask DisposeAsync()
    {
        await _volumes.DisposeAsync().ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _standbys.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _gate.Dispose();
    }
}
