using System.Collections.Concurrent;

namespace Telepath.Hub.Previews;

/// <summary>
/// How many requests each preview has carried and when the last one came, for the dashboard (issue 16):
/// a preview that sees nothing is how a wrong ingress or a link nobody opened shows up. Counted in
/// memory as requests pass the proxy, so a request never waits for the database; a restarted hub, or
/// each replica of several, counts from zero. An ended preview's two numbers stay until the hub restarts:
/// previews are made by hand, a few a day, so they cost nothing worth a clean-up.
/// </summary>
public sealed class PreviewTraffic(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Counter> _byPreview = new(StringComparer.Ordinal);

    /// <summary>A request the proxy is forwarding to the preview's ingress.</summary>
    public void Record(string previewId)
    {
        var counter = _byPreview.GetOrAdd(previewId, static _ => new Counter());
        counter.Add(time.GetUtcNow());
    }

    public (long Requests, DateTimeOffset? LastRequestAt) Of(string previewId) =>
        _byPreview.TryGetValue(previewId, out var counter) ? counter.Read() : (0, null);

    private sealed class Counter
    {
        private long _requests;
        private long _lastTicks;

        public void Add(DateTimeOffset at)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Exchange(ref _lastTicks, at.UtcTicks);
        }

        public (long, DateTimeOffset?) Read()
        {
            var ticks = Interlocked.Read(ref _lastTicks);
            return (Interlocked.Read(ref _requests), ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero));
        }
    }
}
