using Telepath.Daemon.Intercepts;
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
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _environments = new Dictionary<string, IReadOnlyDictionary<string, string>>();
    private AgentSnapshot _agents = new();
    private ClusterInfo? _cluster;

    public InterceptSnapshot Intercepts => Volatile.Read(ref _intercepts);

    public AgentSnapshot Agents => Volatile.Read(ref _agents);

    /// <summary>The manager's view of the cluster; null until the first one arrives (or when not watched).</summary>
    public ClusterInfo? Cluster => Volatile.Read(ref _cluster);

    /// <summary>
    /// The app container's environment of one of our own intercepts (the manager sends no one else's);
    /// empty while no agent of the workload is present.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(string interceptId) =>
        Volatile.Read(ref _environments).GetValueOrDefault(interceptId) ?? new Dictionary<string, string>();

    /// <summary>
    /// Keeps the environments apart from the intercepts, so that nothing that shows intercepts (status,
    /// list, JSON output, logs) can show the secrets they often hold.
    /// </summary>
    public void Set(InterceptSnapshot snapshot)
    {
        var environments = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var shown = new InterceptSnapshot();
        foreach (var intercept in snapshot.Intercepts)
        {
            if (intercept.Environment.Count > 0)
            {
                environments[intercept.Id] = intercept.Environment.ToDictionary();
            }

            shown.Intercepts.Add(intercept.WithoutEnvironment());
        }

        // Environments first: a reader woken by the new intercepts finds theirs.
        Volatile.Write(ref _environments, environments);
        Volatile.Write(ref _intercepts, shown);
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
