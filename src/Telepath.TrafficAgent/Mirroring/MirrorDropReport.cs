namespace Telepath.TrafficAgent.Mirroring;

/// <summary>
/// Counts one mirror's dropped copies and reports them at most once per window: the first drop after a
/// quiet spell arms a timer, which reports the window's count when it fires; the next drop arms it again.
/// A burst costs one line, and no drop goes unreported however the drops stop: disposing (the mirror
/// left) reports what is left at once.
/// </summary>
internal sealed class MirrorDropReport(TimeProvider time, Action<long, TimeSpan> report) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private ITimer? _timer;
    private long _count;
    private long _since;

    public void Add()
    {
        lock (_lock)
        {
            _count++;
            if (_timer is null)
            {
                _since = time.GetTimestamp();
                _timer = time.CreateTimer(_ => Flush(), null, Window, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => Flush();

    private void Flush()
    {
        long count;
        TimeSpan elapsed;
        lock (_lock)
        {
            (count, _count) = (_count, 0);
            elapsed = time.GetElapsedTime(_since);
            _timer?.Dispose();
            _timer = null;
        }

        // Outside the lock: a drop that comes while the line is written starts the next window.
        if (count > 0)
        {
            report(count, elapsed);
        }
    }
}
