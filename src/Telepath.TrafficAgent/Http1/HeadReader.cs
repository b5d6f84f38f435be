using System.Buffers;
using System.IO.Pipelines;

namespace Telepath.TrafficAgent.Http1;

internal enum HeadStatus
{
    /// <summary>A whole head arrived; the reader is not advanced past it yet.</summary>
    Head,

    /// <summary>The sender ended cleanly before sending a byte of a head.</summary>
    End,

    /// <summary>The sender ended in the middle of a head.</summary>
    Truncated,

    /// <summary>The head is longer than this relay reads.</summary>
    TooLarge,

    /// <summary>The read was cancelled (<see cref="PipeReader.CancelPendingRead"/>) before a head arrived.</summary>
    Canceled,
}

/// <summary>Waits for a whole message head, leaving the reader where it was until the caller decides.</summary>
internal static class HeadReader
{
    public static ValueTask<(HeadStatus Status, ReadOnlySequence<byte> Head)> ReadAsync(PipeReader reader, CancellationToken cancellationToken) =>
        ReadAsync(reader, deadline: null, cancellationToken);

    /// <param name="deadline">Told when the head's first bytes arrive (a request head's clock starts then).</param>
    public static async ValueTask<(HeadStatus Status, ReadOnlySequence<byte> Head)> ReadAsync(PipeReader reader, RequestDeadline? deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = HeadBuffer.FindEnd(buffer);
            if (end >= 0)
            {
                return (HeadStatus.Head, buffer.Slice(0, end));
            }

            // Nothing is consumed in any case: a head handed on to Kestrel must still be there for it.
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (!buffer.IsEmpty)
            {
                deadline?.HeadStarted();
            }

            if (buffer.Length >= HeadBuffer.MaxHeadLength)
            {
                return (HeadStatus.TooLarge, default);
            }

            if (result.IsCompleted)
            {
                return (buffer.IsEmpty ? HeadStatus.End : HeadStatus.Truncated, default);
            }

            if (result.IsCanceled)
            {
                return (HeadStatus.Canceled, default);
            }
        }
    }
}
