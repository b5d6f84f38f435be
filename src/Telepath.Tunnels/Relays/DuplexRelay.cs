using System.Buffers;

namespace Telepath.Tunnels.Relays;

/// <summary>One side of a relayed connection: a stream that sends on every write (no buffering), plus how to half-close it.</summary>
public readonly record struct RelayEnd(Stream Stream, Func<ValueTask> ShutdownWrite);

/// <summary>Why a relay ended: outcomes are values so callers can count them, not catch them.</summary>
public enum RelayOutcome
{
    /// <summary>Both directions reached end-of-stream.</summary>
    Completed,

    /// <summary>One side failed or reset; the other was aborted.</summary>
    Aborted,

    /// <summary>The caller's token was cancelled.</summary>
    Cancelled,

    /// <summary>No byte moved either way for the relay's idle timeout; both sides were cut.</summary>
    IdleTimeout,
}

/// <param name="BufferSize">Bytes read at a time in each direction: what a relay holds while it runs.</param>
/// <param name="IdleTimeout">When given, the relay is cut once no byte has moved either way for that long.</param>
public sealed record RelayOptions(int BufferSize = RelayOptions.DefaultBufferSize, RelayIdleTimeout? IdleTimeout = null)
{
    public const int DefaultBufferSize = 64 * 1024;

    public static RelayOptions Default { get; } = new();
}

/// <summary>
/// Copies bytes both ways between two ends, forwarding each half-close, until both directions end.
/// A failure in one direction aborts the other so no connection is left half-alive.
/// </summary>
public static class DuplexRelay
{
    public static Task<RelayResult> RunAsync(RelayEnd a, RelayEnd b, CancellationToken cancellationToken) =>
        RunAsync(a, b, RelayOptions.Default, cancellationToken);

    public static async Task<RelayResult> RunAsync(RelayEnd a, RelayEnd b, RelayOptions options, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var idle = options.IdleTimeout is { } limit ? new IdleWatch(limit, cts) : null;
        var aToB = CopyAsync(a.Stream, b, options.BufferSize, idle, cts);
        var bToA = CopyAsync(b.Stream, a, options.BufferSize, idle, cts);
        var results = await Task.WhenAll(aToB, bToA).ConfigureAwait(false);
        var outcome = cancellationToken.IsCancellationRequested ? RelayOutcome.Cancelled
            : idle?.Expired == true ? RelayOutcome.IdleTimeout
            : results[0].Ended && results[1].Ended ? RelayOutcome.Completed
            : RelayOutcome.Aborted;
        return new RelayResult(outcome, results[0].Bytes, results[1].Bytes);
    }

    /// <returns>Whether the source reached its end, and the bytes the destination took, which a failure does not undo.</returns>
    private static async Task<(bool Ended, long Bytes)> CopyAsync(Stream source, RelayEnd destination, int bufferSize, IdleWatch? idle, CancellationTokenSource cts)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        long copied = 0;
        try
        {
            while (true)
            {
                var n = await source.ReadAsync(buffer.AsMemory(0, bufferSize), cts.Token).ConfigureAwait(false);
                idle?.Touch();
                if (n == 0)
                {
                    await destination.ShutdownWrite().ConfigureAwait(false);
                    return (true, copied);
                }

                // Every end's write sends at once (sockets, tunnels, pipe streams), so no flush is needed.
                await destination.Stream.WriteAsync(buffer.AsMemory(0, n), cts.Token).ConfigureAwait(false);
                copied += n;
            }
        }
        catch (Exception)
        {
            // Either side may fail in many ways (reset, tunnel error, cancellation); all end the relay.
            await cts.CancelAsync().ConfigureAwait(false);
            return (false, copied);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
