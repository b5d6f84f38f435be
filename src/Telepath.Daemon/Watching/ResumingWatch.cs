using Grpc.Core;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Watching;

/// <summary>
/// The manager's request log for one CLI watch, carried across the manager's restarts: when the manager
/// goes away or forgets the session, the watch waits for the session loop to have the session well again
/// and watches again under the (new) secret, telling the watcher once per gap. The daemon never gives up
/// on a lost manager, so neither does the watch; it ends when the connection does (quit).
/// </summary>
internal static class ResumingWatch
{
    public const string Unreachable = "the traffic manager is unreachable; watch resumes when it is back";
    public const string Restarted = "watching again (the traffic manager restarted; requests in between are not shown)";
    public const string Reached = "watching again (the traffic manager is reachable again; requests in between are not shown)";

    public static string WaitingFor(string intercept) =>
        $"waiting for intercept \"{intercept}\" to be back at the traffic manager (its agent has not arrived again yet)";

    /// <remarks>
    /// A watch of one intercept that is back at a restarted manager before its intercept is (its agent
    /// has not arrived again yet) waits for it on the connection's view instead of ending.
    /// </remarks>
    public static async Task RunAsync(ManagerConnection connection, WatchRequest request, IAsyncStreamWriter<RequestEventBatch> watcher, CancellationToken cancellationToken)
    {
        var session = connection.Session;

        // The secret the watch had when the gap began; null while there is no gap.
        string? lostSecret = null;
        while (true)
        {
            // Taken before the call, so a recovery that happens while the call fails is not missed.
            var recovery = session.NextRecovery;
            var secret = session.Secret;
            RpcException failure;
            try
            {
                var watch = new WatchRequestsRequest { SessionSecret = secret, All = request.All, InterceptName = request.Name };
                using var call = session.Manager.WatchRequests(watch, cancellationToken: cancellationToken);
                await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (lostSecret is not null)
                    {
                        batch.Notice = lostSecret == secret ? Reached : Restarted;
                        lostSecret = null;
                    }

                    await watcher.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                }

                // The manager ends its watches when it stops: that is a manager going away too.
                failure = new RpcException(new Status(StatusCode.Unavailable, "the traffic manager ended the watch"));
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested && ManagerLoss.Is(e))
            {
                failure = e;
            }
            catch (RpcException e) when (lostSecret is not null && request.Name.Length > 0 && e.StatusCode == StatusCode.NotFound
                && !cancellationToken.IsCancellationRequested)
            {
                // Back after a restart, but the intercept is not yet: wait for it rather than end the watch.
                await watcher.WriteAsync(new RequestEventBatch { Notice = WaitingFor(request.Name) }, cancellationToken).ConfigureAwait(false);
                if (!await AwaitRecreatedAsync(connection, request.Name, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }

                continue;
            }

            // A loop that has stopped is the connection closing (quit): the watch ends as it always has.
            if (recovery.IsCanceled)
            {
                throw session.Describe(failure);
            }

            if (lostSecret is null)
            {
                lostSecret = secret;
                await watcher.WriteAsync(new RequestEventBatch { Notice = Unreachable }, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await recovery.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw session.Describe(failure);
            }
        }
    }

    /// <returns>True once the laptop's intercept of that name is back at the manager; false when the laptop no longer holds one.</returns>
    private static async Task<bool> AwaitRecreatedAsync(ManagerConnection connection, string name, CancellationToken cancellationToken)
    {
        bool Held() => connection.Intercepts.Owned.TryGet(name, out _);
        bool Back(ManagerView view) => view.Intercepts.Intercepts.Any(i => i.Spec.Name == name && i.ClientSessionId == connection.Session.Id);

        // The snapshot that answered "no such intercept" may already name it (the watch raced the view):
        // wait for a later one, so a manager that still refuses is not asked again and again.
        var refusedWith = connection.View.Intercepts;
        await connection.View.WaitUntilAsync(
            view => !Held() || (view.Intercepts != refusedWith && Back(view)), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return Held();
    }
}
