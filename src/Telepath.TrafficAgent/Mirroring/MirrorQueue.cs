using System.Threading.Channels;

namespace Telepath.TrafficAgent.Mirroring;

/// <summary>
/// One mirror's copies waiting for its laptop: bounded, and a copy that finds it full is dropped and
/// counted, so a slow or gone laptop never holds up a request. One sender replays them in order.
/// </summary>
internal sealed class MirrorQueue : IAsyncDisposable
{
    /// <summary>Copies a mirror may have waiting; more are dropped.</summary>
    public const int Capacity = 64;

    private readonly Channel<MirrorCopy> _queue;
    private readonly Func<MirrorCopy, CancellationToken, Task> _send;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private long _dropped;
    private long _sent;

    public MirrorQueue(Func<MirrorCopy, CancellationToken, Task> send, int capacity = Capacity)
    {
        _send = send;
        _queue = Channel.CreateBounded<MirrorCopy>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _sender = Task.Run(SendAllAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Copies handed to the sender's delegate that it finished (whatever the laptop answered).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <returns>False when the copy was dropped: the queue is full or closed.</returns>
    public bool Offer(MirrorCopy copy)
    {
        if (_queue.Writer.TryWrite(copy))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var copy in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await _send(copy, _stop.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The delegate reports its own failures; one copy's must not stop the next.
                catch (Exception)
#pragma warning restore CA1031
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }

                Interlocked.Increment(ref _sent);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
