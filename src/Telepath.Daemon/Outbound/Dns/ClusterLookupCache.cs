using System.Collections.Concurrent;
using System.Net;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>
/// Puts a TTL cache in front of <see cref="IClusterLookup"/>: a burst of queries for one name (a client asking A and
/// AAAA through each search domain) makes one call; answers last 5 s, "no such name" 2 s, failures not at all.
/// </summary>
internal sealed class ClusterLookupCache(IClusterLookup lookup, TimeProvider time, CancellationToken lifetime)
{
    public static readonly TimeSpan PositiveTtl = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan NegativeTtl = TimeSpan.FromSeconds(2);

    /// <summary>A lookup that hangs must not hold the clients' queries (they give up after a few seconds anyway).</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Past this many names, expired ones are swept out, so a client asking many names cannot grow the cache forever.</summary>
    private const int SweepAbove = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <returns>The addresses, empty when the cluster has no such name.</returns>
    public Task<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_entries.Count > SweepAbove)
        {
            Sweep(now);
        }

        var entry = _entries.AddOrUpdate(
            name,
            static (_, _) => new Entry(),
            static (_, existing, now) => existing.IsExpired(now) ? new Entry() : existing,
            now);
        return entry.Start(() => CallAsync(name, entry)).WaitAsync(cancellationToken);
    }

    private async Task<IPAddress[]> CallAsync(string name, Entry entry)
    {
        await Task.Yield();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        deadline.CancelAfter(LookupTimeout);
        try
        {
            var addresses = await lookup.ResolveAsync(name, deadline.Token).ConfigureAwait(false) ?? [];
            entry.Expire(time.GetUtcNow() + (addresses.Length > 0 ? PositiveTtl : NegativeTtl));
            return addresses;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(name, entry));
            throw;
        }
    }

    private void Sweep(long now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.IsExpired(now))
            {
                _entries.TryRemove(pair);
            }
        }
    }

    /// <summary>One call and its answer. AddOrUpdate may build entries it throws away, so the call starts lazily, once.</summary>
    private sealed class Entry
    {
        private readonly Lock _gate = new();
        private Task<IPAddress[]>? _answer;

        // Max while the call is under way, so concurrent queries join it.
        private long _expiresAtTicks = long.MaxValue;

        public Task<IPAddress[]> Start(Func<Task<IPAddress[]>> call)
        {
            lock (_gate)
            {
                return _answer ??= call();
            }
        }

        public void Expire(DateTimeOffset at) => Interlocked.Exchange(ref _expiresAtTicks, at.UtcTicks);

        public bool IsExpired(long nowTicks) => nowTicks >= Interlocked.Read(ref _expiresAtTicks);
    }
}
