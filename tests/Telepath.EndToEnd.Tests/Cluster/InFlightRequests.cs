using Microsoft.AspNetCore.Builder;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>Counts the requests an app is serving right now, so a test can act while one is in flight, and those it has served.</summary>
public sealed class InFlightRequests
{
    private int _count;
    private int _started;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Requests it has begun to serve since it started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Adds the counting middleware; WebApplication runs it before the endpoints whatever the order.</summary>
    public void Attach(WebApplication app) => app.Use(async (context, next) =>
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _count);
        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _count);
        }
    });
}
