using Telepath.Core.Sessions;
using Grpc.Core;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Sessions;

public sealed partial class ManagerConnection
{
    /// <summary>
    /// Keeps the session alive until the connection closes: watches and heartbeats while all is
    /// well; on a failure, back off and find out whether the session survived (Remain) or must be
    /// made again (NotFound: the manager restarted or the lease ran out), then re-create the intercepts.
    /// </summary>
    private async Task RunSessionAsync(CancellationToken cancellationToken)
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
                    await ArriveAsync(cancellationToken).ConfigureAwait(false);
                    Owned.MarkAllPending();
                    await RecreatePendingAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (recovering)
                {
                    await _manager.RemainAsync(new SessionRef { SessionSecret = SessionSecret }, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                if (recovering)
                {
                    Log.ManagerRecovered(_logger, Options.Address);
                }

                recovering = mustArrive = false;
                Volatile.Write(ref _problem, null);
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
                    : ManagerFailure.Describe(failure, Options.Address, Options.Token is null).Status.Detail + "; retrying";
                Volatile.Write(ref _problem, problem);
                var delay = backoff.Next();
                Log.ManagerLost(_logger, problem, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the watches and the heartbeat together; the first to fail or end stops the rest.</summary>
    private async Task RunWatchesAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var session = new SessionRef { SessionSecret = SessionSecret };
        Task[] parts =
        [
            WatchInterceptsAsync(session, linked.Token),
            WatchAgentsAsync(session, linked.Token),
            RemainAsync(session, linked.Token),
            Options.WatchCluster ? WatchClusterAsync(session, linked.Token) : Task.Delay(Timeout.Infinite, linked.Token),
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

    private async Task WatchInterceptsAsync(SessionRef session, CancellationToken cancellationToken)
    {
        using var call = _manager.WatchIntercepts(session, cancellationToken: cancellationToken);
        await foreach (var snapshot in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            View.Set(snapshot);
        }
    }

    private async Task WatchAgentsAsync(SessionRef session, CancellationToken cancellationToken)
    {
        using var call = _manager.WatchAgents(session, cancellationToken: cancellationToken);
        await foreach (var snapshot in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            View.Set(snapshot);

            // An agent that arrives (again) may be what a pending re-creation waits for.
            await RecreatePendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemainAsync(SessionRef session, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(Options.RemainInterval, cancellationToken).ConfigureAwait(false);
            await _manager.RemainAsync(session, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await RecreatePendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
