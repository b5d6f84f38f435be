using System.Buffers;
using System.IO.Pipelines;
using Telepath.TrafficAgent.Mirroring;

namespace Telepath.TrafficAgent.Http1;

/// <summary>How copying a body ended.</summary>
internal enum CopyEnd
{
    Complete,

    /// <summary>The source ended before the body did (its sender went away).</summary>
    SourceEnded,

    /// <summary>The destination's reader is gone.</summary>
    DestinationGone,
}

/// <summary>
/// Copies one message body, framing and all, from a reader to a writer and stops exactly where it
/// ends, so the next message stays unread. Each read is flushed on at once: bodies stream through.
/// </summary>
internal static class BodyCopier
{
    /// <param name="ending">Called once the body's last bytes are known, before they are flushed on.</param>
    /// <param name="counted">Given for a watched request: gets the bytes taken from the source, framing included, before <paramref name="ending"/> is called.</param>
    /// <exception cref="InvalidDataException">A chunked body is malformed.</exception>
    public static ValueTask<CopyEnd> CopyAsync(
        PipeReader source, PipeWriter destination, BodyFraming framing, CancellationToken cancellationToken, Action? ending = null, MirrorCapture? capture = null, ByteCounter? counted = null) =>
        framing.Kind switch
        {
            BodyKind.ContentLength => CopyLengthAsync(source, destination, framing.Length, ending, capture, counted, cancellationToken),
            BodyKind.Chunked => CopyChunkedAsync(source, destination, ending, capture, counted, cancellationToken),
            BodyKind.UntilClose => CopyToEndAsync(source, destination, ending, capture, counted, cancellationToken),
            _ => ValueTask.FromResult(CopyEnd.Complete),
        };

    private static async ValueTask<CopyEnd> CopyLengthAsync(
        PipeReader source, PipeWriter destination, long remaining, Action? ending, MirrorCapture? capture, ByteCounter? counted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(buffer.Length, remaining));
            remaining -= take.Length;
            counted?.Add(take.Length);
            if (remaining == 0)
            {
                ending?.Invoke();
            }

            capture?.Append(take);
            var sent = await SendAsync(destination, take, cancellationToken).ConfigureAwait(false);
            source.AdvanceTo(take.End);
            if (!sent)
            {
                return CopyEnd.DestinationGone;
            }

            if (remaining == 0)
            {
                return CopyEnd.Complete;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return CopyEnd.SourceEnded;
            }
        }
    }

    private static async ValueTask<CopyEnd> CopyChunkedAsync(
        PipeReader source, PipeWriter destination, Action? ending, MirrorCapture? capture, ByteCounter? counted, CancellationToken cancellationToken)
    {
        var scanner = new ChunkedScanner();
        while (true)
        {
            var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            long taken = 0;
            foreach (var segment in buffer)
            {
                taken += scanner.Scan(segment.Span);
                if (scanner.Done)
                {
                    break;
                }
            }

            var take = buffer.Slice(0, taken);
            counted?.Add(taken);
            if (scanner.Done)
            {
                ending?.Invoke();
            }

            capture?.Append(take);
            var sent = await SendAsync(destination, take, cancellationToken).ConfigureAwait(false);
            source.AdvanceTo(take.End);
            if (!sent)
            {
                return CopyEnd.DestinationGone;
            }

            if (scanner.Done)
            {
                return CopyEnd.Complete;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return CopyEnd.SourceEnded;
            }
        }
    }

    private static async ValueTask<CopyEnd> CopyToEndAsync(
        PipeReader source, PipeWriter destination, Action? ending, MirrorCapture? capture, ByteCounter? counted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
            counted?.Add(result.Buffer.Length);
            if (result.IsCompleted)
            {
                ending?.Invoke();
            }

            capture?.Append(result.Buffer);
            var sent = await SendAsync(destination, result.Buffer, cancellationToken).ConfigureAwait(false);
            source.AdvanceTo(result.Buffer.End);
            if (!sent)
            {
                return CopyEnd.DestinationGone;
            }

            if (result.IsCompleted)
            {
                return CopyEnd.Complete;
            }

            if (result.IsCanceled)
            {
                return CopyEnd.SourceEnded;
            }
        }
    }

    /// <returns>False when the destination's reader is gone.</returns>
    public static async ValueTask<bool> SendAsync(PipeWriter destination, ReadOnlySequence<byte> bytes, CancellationToken cancellationToken)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        foreach (var segment in bytes)
        {
            destination.Write(segment.Span);
        }

        var flush = await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !flush.IsCompleted && !flush.IsCanceled;
    }
}
