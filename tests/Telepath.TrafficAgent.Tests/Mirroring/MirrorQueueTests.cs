using Telepath.TrafficAgent.Mirroring;

namespace Telepath.TrafficAgent.Tests.Mirroring;

/// <summary>A mirror's queue never makes a request wait: a slow or gone laptop costs dropped copies, counted.</summary>
public sealed class MirrorQueueTests
{
    private static MirrorCopy Copy(string path) => new("GET", path, System.Net.HttpVersion.Version11, [], ReadOnlyMemory<byte>.Empty, false);

    [Fact]
    public async Task Copies_are_sent_in_order()
    {
        var sent = new List<string>();
        var all = new TaskCompletionSource();
        await using var queue = new MirrorQueue((copy, _) =>
        {
            sent.Add(copy.Target);
            if (sent.Count == 3)
            {
                all.SetResult();
            }

            return Task.CompletedTask;
        });

        Assert.True(queue.Offer(Copy("/1")));
        Assert.True(queue.Offer(Copy("/2")));
        Assert.True(queue.Offer(Copy("/3")));
        await all.Task;

        Assert.Equal(["/1", "/2", "/3"], sent);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public async Task A_laptop_that_never_answers_fills_the_queue_and_later_copies_are_dropped_and_counted()
    {
        var stuck = new TaskCompletionSource();
        var never = new TaskCompletionSource();
        var queue = new MirrorQueue(async (_, stopping) =>
        {
            stuck.TrySetResult();
            await never.Task.WaitAsync(stopping);
        }, capacity: 2);

        Assert.True(queue.Offer(Copy("/held")));
        await stuck.Task;
        Assert.True(queue.Offer(Copy("/1")));
        Assert.True(queue.Offer(Copy("/2")));
        Assert.False(queue.Offer(Copy("/3")));
        Assert.False(queue.Offer(Copy("/4")));

        Assert.Equal(2, queue.Dropped);
        // Disposing ends the stuck send: a mirror that is removed leaves nothing behind.
        await queue.DisposeAsync();
        Assert.False(queue.Offer(Copy("/5")));
    }

    [Fact]
    public async Task A_failing_send_does_not_stop_the_next()
    {
        var second = new TaskCompletionSource();
        await using var queue = new MirrorQueue((copy, _) =>
        {
            if (copy.Target == "/1")
            {
                throw new HttpRequestException("gone");
            }

            second.SetResult();
            return Task.CompletedTask;
        });

        queue.Offer(Copy("/1"));
        queue.Offer(Copy("/2"));

        await second.Task;
    }
}
