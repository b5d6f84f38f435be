namespace Telepath.Core.Sessions;

/// <summary>
/// Reconnection delays: 0.2 s doubling to 2 s (docs/protocol.md), so a restarted manager is found
/// within about 2 s without hammering one that is down.
/// </summary>
public sealed class Backoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(2);

    private TimeSpan _next = Initial;

    /// <summary>The delay to wait now; the one after it is twice as long, up to <see cref="Maximum"/>.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Maximum.Ticks));
        return current;
    }

    public void Reset() => _next = Initial;
}
