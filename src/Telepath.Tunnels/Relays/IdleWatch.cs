namespace Telepath.Tunnels.Relays;

/// <summary>How long a relay may carry no byte either way before it is closed, on which clock.</summary>
public readonly record struct RelayIdleTimeout(TimeSpan Timeout, TimeProvider Time);

/// <summary>
/// Cancels a relay once no byte has moved either way for a whole timeout. A byte only records the time
/// (no timer is touched per read); the one timer, when it fires, looks at how long the relay has really
/// been idle and waits again for the rest.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly RelayIdleTimeout _limit;
    private readonly CancellationTokenSource _relay;
    private readonly ITimer _timer;
    private long _lastActivity;
    private int _expired;

    public IdleWatch(RelayIdleTimeout limit, CancellationTokenSource relay)
    {
        _limit = limit;
        _relay = relay;
        _lastActivity = limit.Time.GetTimestamp();
        _timer = limit.Time.CreateTimer(static state => ((IdleWatch)state!).Check(), this, limit.Timeout, Timeout.InfiniteTimeSpan);
    }

    public bool Expired => Volatile.Read(ref _expired) != 0;

    public void Touch() => Volatile.Write(ref _lastActivity, _limit.Time.GetTimestamp());

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var idle = _limit.Time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        try
        {
            if (idle < _limit.Timeout)
            {
                _timer.Change(_limit.Timeout - idle, Timeout.InfiniteTimeSpan);
                return;
            }

            Volatile.Write(ref _expired, 1);
            _relay.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The relay ended meanwhile.
        }
    }
}
