using Microsoft.Extensions.Time.Testing;
using Telepath.Testing.Polling;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>
/// A fake clock that also tells how many of its timers are armed for a given time, so that a test moves
/// it on once the agent is really waiting on it, not before (a timer armed after the move never fires).
/// </summary>
internal sealed class WatchedClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private readonly Dictionary<WatchedTimer, TimeSpan> _armed = [];

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Inner = _fake.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public Task WaitUntilArmedAsync(TimeSpan dueTime, int count) =>
        Poll.UntilAsync(
            () => Task.FromResult(Armed(dueTime) >= count),
            () => $"{count} timers armed for {dueTime}, saw {Armed(dueTime)}");

    private int Armed(TimeSpan dueTime)
    {
        lock (_armed)
        {
            return _armed.Values.Count(d => d == dueTime);
        }
    }

    private void Arm(WatchedTimer timer, TimeSpan dueTime)
    {
        lock (_armed)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _armed.Remove(timer);
            }
            else
            {
                _armed[timer] = dueTime;
            }
        }
    }

    private sealed class WatchedTimer(WatchedClock clock) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Fired() => clock.Arm(this, Timeout.InfiniteTimeSpan);

        public void Dispose()
        {
            clock.Arm(this, Timeout.InfiniteTimeSpan);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
