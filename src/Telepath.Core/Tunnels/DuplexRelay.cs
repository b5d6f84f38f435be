using System.Buffers;

namespace Telepath.Core.Tunnels;

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
}

/// <summary>
/// Copies bytes both ways between two ends, forwarding each half-close, until both directions end.
/// A failure in one direction aborts the other so no connection is left half-alive.
/// </summary>
public static class DuplexRelay
{
    private const int BufferSize = 64 * 1024;

    public static async Task<RelayOutcome> RunAsync(RelayEnd a, RelayEnd b, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var aToB = CopyAsync(a.Stream, b, cts);
        var bToA = CopyAsync(b.Stream, a, cts);
        var results = await Task.WhenAll(aToB, bToA).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            return RelayOutcome.Cancelled;
        }

        return results[0] && results[1] ? RelayOutcome.Completed : RelayOutcome.Aborted;
    }

    private static async Task<bool> CopyAsync(Stream source, RelayEnd destination, CancellationTokenSource cts)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var n = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cts.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    await destination.ShutdownWrite().ConfigureAwait(false);
                    return true;
                }

                // Every end's write sends at once (sockets, tunnels, pipe streams), so no flush is needed.
                await destination.Stream.WriteAsync(buffer.AsMemory(0, n), cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Either side may fail in many ways (reset, tunnel error, cancellation); all end the relay.
            await cts.CancelAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
