using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Watching;

/// <summary>
/// One client's <c>telepath watch</c>: a bounded queue that never makes an agent's stream wait. When the
/// client reads too slowly, new events are dropped and counted, and the next batch says how many.
/// </summary>
public sealed class RequestWatcher(Func<RequestFilter> filter)
{
    public const int Capacity = 4096;
    public const int MaxBatch = 256;

    private readonly Channel<RequestEvent> _queue = Channel.CreateBounded<RequestEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    /// <summary>Takes what the watcher may see of one agent's batch.</summary>
    public void Offer(AgentBatch batch)
    {
        var current = filter();
        if (batch.Dropped > 0 && current.CoversWorkload(batch.Workload, batch.Namespace))
        {
            Interlocked.Add(ref _dropped, batch.Dropped);
        }

        foreach (var request in batch.Events)
        {
            if (current.Admits(request) && !_queue.Writer.TryWrite(request))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    /// <summary>Batches of whatever is queued, as soon as there is something (events or a count of dropped ones).</summary>
    public async IAsyncEnumerable<RequestEventBatch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var batch = new RequestEventBatch();
            while (batch.Events.Count < MaxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Events.Add(request);
            }

            batch.Dropped = Interlocked.Exchange(ref _dropped, 0);
            yield return batch;
        }
    }
}

/// <summary>An agent's batch, with the workload its session is for (not what the events say).</summary>
public sealed record AgentBatch(string Workload, string Namespace, IReadOnlyList<RequestEvent> Events, long Dropped);
