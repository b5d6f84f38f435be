using Telepath.TrafficAgent.Hosting;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// One client connection's clock, as Kestrel keeps it: the keep-alive timeout while it waits for a request
/// to begin, the head timeout once one has begun (so a slowloris client that sends a byte now and then
/// still has 30 s for the whole head), and none while an exchange runs (the app decides how long it takes).
/// The agent's stopping cancels it too.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenRegistration _stopping;
    private bool _headStarted;

    public RequestDeadline(TimeProvider time, CancellationToken stopping)
    {
        _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _stopping = stopping.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timeout);
    }

    public CancellationToken Token => _timeout.Token;

    /// <param name="headStarted">The head's first bytes are already in (sniffing saw them).</param>
    public void AwaitRequest(bool headStarted)
    {
        _headStarted = headStarted;
        _timeout.CancelAfter(headStarted ? AgentLimits.HeadTimeout : AgentLimits.KeepAliveTimeout);
    }

    public void HeadStarted()
    {
        if (!_headStarted)
        {
            _headStarted = true;
            _timeout.CancelAfter(AgentLimits.HeadTimeout);
        }
    }

    /// <returns>False when the deadline had passed, or the agent is stopping.</returns>
    public bool Suspend()
    {
        _timeout.CancelAfter(Timeout.InfiniteTimeSpan);
        return !_timeout.IsCancellationRequested;
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _timeout.Dispose();
    }
}
