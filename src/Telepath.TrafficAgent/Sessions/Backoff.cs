namespace Telepath.TrafficAgent.Sessions;

/// <summary>Reconnect delays: 0.2 s doubling to 2 s, so a restarted manager is found within about 2 s.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan first, TimeSpan max)
    {
        _first = first;
        _max = max;
        _next = first;
    }

    public static Backoff ForManager() => new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next * 2 < _max ? _next * 2 : _max;
        return delay;
    }

    public void Reset() => _next = _first;
}
