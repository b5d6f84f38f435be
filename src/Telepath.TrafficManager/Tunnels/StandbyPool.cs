using System.Collections.Concurrent;
using Telepath.TrafficManager.Intercepts;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>
/// The standby tunnels laptops keep open per intercept, and the agents' tunnels waiting for one. An
/// agent's tunnel takes a parked standby at once; when none is parked it waits, but only while the
/// laptop has shown life lately (<see cref="ManagerOptions.LaptopSilence"/>): a frozen or vanished
/// laptop makes callers fail open at once instead of each waiting for it.
/// </summary>
internal sealed class StandbyPool
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ManagerOptions _options;
    private readonly TimeProvider _time;

    public StandbyPool(InterceptTable intercepts, ManagerOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        intercepts.Removed += Retire;
    }

    /// <summary>How long a laptop may show no life before its intercepts' callers fail open at once.</summary>
    public TimeSpan Silence => _options.LaptopSilence;

    /// <summary>How many standbys are parked for the intercept.</summary>
    public int Parked(string interceptId)
    {
        if (!_entries.TryGetValue(interceptId, out var entry))
        {
            return 0;
        }

        lock (entry)
        {
            return entry.Parked.Count;
        }
    }

    /// <returns>False when the intercept already has as many standbys as it may.</returns>
    public bool Park(Standby standby)
    {
        var entry = _entries.GetOrAdd(standby.InterceptId, _ => new Entry(_time.GetTimestamp()));
        lock (entry)
        {
            if (entry.Parked.Count >= _options.MaxStandbysPerIntercept)
            {
                return false;
            }

            entry.LastActivity = _time.GetTimestamp();
            if (entry.Waiters.First is { } waiter)
            {
                // A waiter leaves the list only under this lock, so one still in it is still waiting.
                if (standby.TryClaim())
                {
                    entry.Waiters.RemoveFirst();
                    waiter.Value.SetResult(standby);
                }

                // Else it was aborted before it could be parked, and its handler ends it.
                return true;
            }

            entry.Parked.AddLast(standby);
            return true;
        }
    }

    /// <summary>Forgets a standby that was claimed by its own end (aborted).</summary>
    public void Remove(Standby standby)
    {
        if (_entries.TryGetValue(standby.InterceptId, out var entry))
        {
            lock (entry)
            {
                entry.Parked.Remove(standby);
            }
        }
    }

    /// <summary>A claimed standby for the intercept, or null when its laptop has none to give.</summary>
    public async Task<Standby?> TakeAsync(string interceptId, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(interceptId, _ => new Entry(_time.GetTimestamp()));
        LinkedListNode<TaskCompletionSource<Standby?>> waiter;
        TimeSpan patience;
        lock (entry)
        {
            while (entry.Parked.First is { } parked)
            {
                entry.Parked.RemoveFirst();
                if (parked.Value.TryClaim())
                {
                    entry.LastActivity = _time.GetTimestamp();
                    return parked.Value;
                }
            }

            patience = _options.LaptopSilence - _time.GetElapsedTime(entry.LastActivity);
            if (entry.Retired || patience <= TimeSpan.Zero)
            {
                return null;
            }

            waiter = entry.Waiters.AddLast(new TaskCompletionSource<Standby?>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        try
        {
            return await waiter.Value.Task.WaitAsync(patience, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (entry)
            {
                if (waiter.List is not null)
                {
                    entry.Waiters.Remove(waiter);
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

    /// <summary>The intercept is gone: its parked standbys are told so, and its waiting tunnels get none.</summary>
    private void Retire(string interceptId)
    {
        if (!_entries.TryRemove(interceptId, out var entry))
        {
            return;
        }

        List<Standby> parked;
        lock (entry)
        {
            entry.Retired = true;
            parked = [.. entry.Parked];
            entry.Parked.Clear();
            foreach (var waiter in entry.Waiters)
            {
                waiter.SetResult(null);
            }

            entry.Waiters.Clear();
        }

        foreach (var standby in parked.Where(s => s.TryClaim()))
        {
            standby.Ended.TrySetResult(StandbyEnd.Retired);
        }
    }

    private sealed class Entry(long created)
    {
        public LinkedList<Standby> Parked { get; } = new();

        public LinkedList<TaskCompletionSource<Standby?>> Waiters { get; } = new();

        /// <summary>When the laptop last parked a standby or one was taken: the clock of its silence.</summary>
        public long LastActivity { get; set; } = created;

        public bool Retired { get; set; }
    }
}
