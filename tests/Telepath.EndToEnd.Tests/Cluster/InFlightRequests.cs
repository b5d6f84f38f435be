using Microsoft.AspNetCore.Builder;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>Counts the requests an app is serving right now, so a test can act while one is in flight.</summary>
public sealed class InFlightRequests
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds the counting middleware; WebApplication runs it before the endpoints whatever the order.</summary>
    public void Attach(WebApplication app) => app.Use(async (context, next) =>
    {
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
