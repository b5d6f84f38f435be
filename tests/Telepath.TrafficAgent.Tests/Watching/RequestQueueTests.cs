using System.Net;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Watching;

namespace Telepath.TrafficAgent.Tests.Watching;

/// <summary>What the data path does for the request log: nothing unwatched, never a wait when watched.</summary>
public sealed class RequestQueueTests
{
    private static readonly AgentOptions Options = new("orders", "default", "Deployment", "orders-x1", new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 2), "127.0.0.1:3", "token");

    [Fact]
    public void Nothing_is_recorded_while_nobody_watches()
    {
        var log = new RequestLog(Options, TimeProvider.System);

        Assert.Null(log.Begin(RouteSnapshot.Empty));
    }

    [Fact]
    public void A_full_queue_drops_the_newest_events_and_counts_them()
    {
        var log = new RequestLog(Options, TimeProvider.System);
        var started = log.Begin(new RouteSnapshot(new InterceptSnapshot { Watched = true }, []))!.Value;

        for (var i = 0; i < RequestLog.Capacity + 5; i++)
        {
            log.Http(started, "h2", "GET", $"/{i}", null, "no intercept", ForwardOutcome.App, 200, 0, 0);
        }

        Assert.Equal(5, log.TakeDropped());
        Assert.True(log.Reader.TryRead(out var first));
        Assert.Equal(("/0", "orders", "default", "orders-x1", "no intercept"), (first.Path, first.Workload, first.Namespace, first.Pod, first.Reason));
    }
}
