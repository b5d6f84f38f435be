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

    public static async Task RunAsync(ManagerSession session, WatchRequest request, IAsyncStreamWriter<RequestEventBatch> watcher, CancellationToken cancellationToken)
    {
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
}
