using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Tests.Watching;

public sealed class RequestWatcherTests
{
    private static readonly RequestFilter Everything = new(All: true, Only: null, Owned: []);

    [Fact]
    public async Task A_watcher_that_does_not_read_loses_the_newest_events_and_is_told_how_many()
    {
        var watcher = new RequestWatcher(() => Everything);

        watcher.Offer(Batch(RequestWatcher.Capacity + 10, dropped: 0));

        var first = await FirstAsync(watcher);
        Assert.Equal(RequestWatcher.MaxBatch, first.Events.Count);
        Assert.Equal(10, first.Dropped);
    }

    [Fact]
    public async Task What_an_agent_dropped_is_passed_on_to_the_watchers_of_its_workload()
    {
        var watcher = new RequestWatcher(() => Everything);

        watcher.Offer(Batch(1, dropped: 7));

        Assert.Equal(7, (await FirstAsync(watcher)).Dropped);
    }

    [Fact]
    public async Task Events_the_filter_refuses_are_not_queued()
    {
        var watcher = new RequestWatcher(() => new RequestFilter(All: false, Only: null, Owned: [new InterceptPlace("mine", "orders", "default")]));

        watcher.Offer(new AgentBatch("orders", "default", [Event("theirs"), Event("mine")], 0));

        var first = await FirstAsync(watcher);
        Assert.Equal(["mine"], first.Events.Select(e => e.InterceptId));
    }

    private static AgentBatch Batch(int count, long dropped) =>
        new("orders", "default", [.. Enumerable.Range(0, count).Select(_ => Event(""))], dropped);

    private static RequestEvent Event(string interceptId) => new() { Workload = "orders", Namespace = "default", InterceptId = interceptId };

    private static async Task<RequestEventBatch> FirstAsync(RequestWatcher watcher)
    {
        await foreach (var batch in watcher.ReadAllAsync(CancellationToken.None))
        {
            return batch;
        }

        throw new InvalidOperationException("the watcher ended");
    }
}
