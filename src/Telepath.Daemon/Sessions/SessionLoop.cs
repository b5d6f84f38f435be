using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Core.Sessions;
using Telepath.Daemon.Intercepts;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Sessions;

/// <summary>
/// Keeps the session alive until it is stopped: watches and heartbeats while all is well; on a
/// failure, back off and find out whether the session survived (Remain) or must be made again
/// (NotFound: the manager restarted or the lease ran out), then has the intercepts re-created.
/// </summary>
internal sealed class SessionLoop(ManagerSession session, ManagerView view, LaptopIntercepts intercepts, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private Task _loop = Task.CompletedTask;

    private ConnectionOptions Options => session.Options;

    public void Start() => _loop = RunAsync(_lifetime.Token);

    /// <summary>Stops the loop and waits for it; never fails.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        session.Stopped();
        _lifetime.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var backoff = new Backoff();
        var recovering = false;
        var mustArrive = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (mustArrive)
                {
                    await session.ArriveAsync(cancellationToken).ConfigureAwait(false);
                    intercepts.Owned.MarkAllPending();
                    await intercepts.RecreatePendingAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (recovering)
                {
                    await session.Manager.RemainAsync(session.Ref(), deadline: session.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                var recovered = recovering;
                recovering = mustArrive = false;
                session.Problem = null;
                if (recovered)
                {
                    Log.ManagerRecovered(logger, Options.Address);
                    session.Recovered();
                }

                backoff.Reset();
                await RunWatchesAsync(cancellationToken).ConfigureAwait(false);
                throw new RpcException(new Status(StatusCode.Unavailable, "the traffic manager ended the session's streams"));
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var failure = e as RpcException ?? new RpcException(new Status(StatusCode.Unavailable, e.Message, e));
                recovering = true;
                mustArrive |= failure.StatusCode == StatusCode.NotFound;
                var problem = failure.StatusCode == StatusCode.NotFound
                    ? $"the traffic manager at {Options.Address} no longer knows this session; arriving again"
                    : session.Describe(failure).Status.Detail + "; retrying";
                session.Problem = problem;
                var delay = backoff.Next();
                Log.ManagerLost(logger, problem, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the watches and the heartbeat together; the first to fail or end stops the rest.</summary>
    private async Task RunWatchesAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reference = session.Ref();
        Task[] parts =
        [
            WatchInterceptsAsync(reference, linked.Token),
            WatchAgentsAsync(reference, linked.Token),
            RemainAsync(reference, linked.Token),
            Options.WatchCluster ? WatchClusterAsync(reference, linked.Token) : Task.Delay(Timeout.Infinite, linked.Token),
        ];
        var first = await Task.WhenAny(parts).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(parts).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The others end by our cancellation; the first one's outcome is what counts.
        }

        await first.ConfigureAwait(false);
    }

    private async Task WatchInterceptsAsync(SessionRef reference, CancellationToken cancellationToken)
    {
        using var call = session.Manager.WatchIntercepts(reference, cancellationToken: cancellationToken);
        await foreach (var snapshot in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            view.Set(snapshot);
        }
    }

    private async Task WatchAgentsAsync(SessionRef reference, CancellationToken cancellationToken)
    {
        using var call = session.Manager.WatchAgents(reference, cancellationToken: cancellationToken);
        await foreach (var snapshot in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            view.Set(snapshot);

            // An agent that arrives (again) may be what a pending re-creation waits for.
            await intercepts.RecreatePendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemainAsync(SessionRef reference, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(Options.RemainInterval, cancellationToken).ConfigureAwait(false);
            await session.Manager.RemainAsync(reference, deadline: session.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await intercepts.RecreatePendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Follows the manager's view of the cluster into the view. A manager older than the call has no
    /// view to give: that is an answer (no view), not a broken session.
    /// </summary>
    private async Task WatchClusterAsync(SessionRef reference, CancellationToken cancellationToken)
    {
        try
        {
            using var call = session.Manager.WatchCluster(reference, cancellationToken: cancellationToken);
            await foreach (var info in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                view.Set(info);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            view.Set(new ClusterInfo { HasView = false });
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
    }
}
