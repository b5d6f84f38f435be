namespace Telepath.TrafficManager.Volumes;

/// <summary>
/// The volume standbys agents keep parked, per workload, and the laptops' volumes tunnels waiting for
/// one. Unlike intercept standbys they outlive no intercept and need no silence rule: a laptop asks
/// rarely (a mount, a list), so it may wait a little for an agent that has just started.
/// </summary>
internal sealed class VolumeStandbys(ManagerOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedList<VolumeStandby>> _parked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<VolumeStandby?>>> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perSession = new(StringComparer.Ordinal);

    /// <returns>False when the agent's session already has as many parked as it may.</returns>
    public bool Park(VolumeStandby standby)
    {
        lock (_lock)
        {
            var count = _perSession.GetValueOrDefault(standby.SessionId);
            if (count >= options.MaxVolumeStandbysPerAgent)
            {
                return false;
            }

            // A waiter leaves its list only under this lock, so one still in it is still waiting.
            if (_waiters.TryGetValue(standby.Workload, out var waiters) && waiters.First is { } waiter)
            {
                if (standby.TryClaim())
                {
                    RemoveNode(_waiters, standby.Workload, waiter);
                    waiter.Value.SetResult(standby);
                }

                // Else it was aborted before it could be parked, and its handler ends it.
                return true;
            }

            _perSession[standby.SessionId] = count + 1;
            Parked(standby.Workload).AddLast(standby);
            return true;
        }
    }

    /// <summary>Forgets a standby that was claimed by its own end (aborted).</summary>
    public void Remove(VolumeStandby standby)
    {
        lock (_lock)
        {
            if (_parked.TryGetValue(standby.Workload, out var parked) && parked.Find(standby) is { } node)
            {
                Unpark(standby.Workload, node);
            }
        }
    }

    /// <summary>A claimed standby of the workload, waiting up to <see cref="ManagerOptions.VolumeStandbyWait"/>; null when none came.</summary>
    public async Task<VolumeStandby?> TakeAsync(string workload, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource<VolumeStandby?>> waiter;
        lock (_lock)
        {
            while (_parked.TryGetValue(workload, out var parked) && parked.First is { } first)
            {
                Unpark(workload, first);
                if (first.Value.TryClaim())
                {
                    return first.Value;
                }
            }

            if (options.VolumeStandbyWait <= TimeSpan.Zero)
            {
                return null;
            }

            if (!_waiters.TryGetValue(workload, out var waiters))
            {
                _waiters[workload] = waiters = new LinkedList<TaskCompletionSource<VolumeStandby?>>();
            }

            waiter = waiters.AddLast(new TaskCompletionSource<VolumeStandby?>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        try
        {
            return await waiter.Value.Task.WaitAsync(options.VolumeStandbyWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.List is not null)
                {
                    RemoveNode(_waiters, workload, waiter);
                    if (e is OperationCanceledException)
                    {
                        throw;
                    }

                    return null;
                }
            }

            // A standby was handed to us just as we gave up: it is ours now.
            return waiter.Value.Task.Result;
        }
    }

    private LinkedList<VolumeStandby> Parked(string workload)
    {
        if (!_parked.TryGetValue(workload, out var parked))
        {
            _parked[workload] = parked = new LinkedList<VolumeStandby>();
        }

        return parked;
    }

    private void Unpark(string workload, LinkedListNode<VolumeStandby> node)
    {
        RemoveNode(_parked, workload, node);
        var sessionId = node.Value.SessionId;
        if (_perSession.TryGetValue(sessionId, out var count) && count > 1)
        {
            _perSession[sessionId] = count - 1;
        }
        else
        {
            _perSession.Remove(sessionId);
        }
    }

    // Empty lists go, so workloads that come and go leave nothing behind.
    private static void RemoveNode<T>(Dictionary<string, LinkedList<T>> lists, string key, LinkedListNode<T> node)
    {
        var list = node.List!;
        list.Remove(node);
        if (list.Count == 0)
        {
            lists.Remove(key);
        }
    }
}
