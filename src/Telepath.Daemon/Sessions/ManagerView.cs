using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Sessions;

/// <summary>
/// The latest snapshots the manager pushed (intercepts, agents, the cluster's names and ranges), for status, list and the network. Each is
/// replaced as a whole; <see cref="WaitUntilAsync"/> lets a command wait for its own change to show.
/// </summary>
public sealed class ManagerView
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InterceptSnapshot _intercepts = new();
    private AgentSnapshot _agents = new();
    private ClusterInfo? _cluster;

    public InterceptSnapshot Intercepts => Volatile.Read(ref _intercepts);

    public AgentSnapshot Agents => Volatile.Read(ref _agents);

    /// <summary>The manager's view of the cluster; null until the first one arrives (or when not watched).</summary>
    public ClusterInfo? Cluster => Volatile.Read(ref _cluster);

    public void Set(InterceptSnapshot snapshot)
    {
        Volatile.Write(ref _intercepts, snapshot);
        Notify();
    }

    public void Set(AgentSnapshot snapshot)
    {
        Volatile.Write(ref _agents, snapshot);
        Notify();
    }

    public void Set(ClusterInfo info)
    {
        Volatile.Write(ref _cluster, info);
        Notify();
    }

    /// <returns>False when the condition did not hold within the timeout.</returns>
    public async Task<bool> WaitUntilAsync(Func<ManagerView, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            // Take the signal before testing, so a change in between wakes us.
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(this))
            {
                return true;
            }

            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private void Notify() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
