using System.Buffers;

namespace Telepath.TrafficAgent.Http1;

/// <summary>Finds the end of a message head (the empty line) in what has arrived, without copying.</summary>
internal static class HeadBuffer
{
    /// <summary>Heads longer than this are left to Kestrel, which refuses them properly (431).</summary>
    public const int MaxHeadLength = 64 * 1024;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <returns>The head's length including the empty line, or -1 while it is incomplete.</returns>
    public static long FindEnd(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            var index = buffer.FirstSpan.IndexOf(EndOfHead);
            return index < 0 ? -1 : index + EndOfHead.Length;
        }

        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, EndOfHead, advancePastDelimiter: true) ? reader.Consumed : -1;
    }

    /// <summary>The head as one contiguous array from the pool (the caller returns it): parsing and forwarding want one span.</summary>
    public static byte[] Copy(ReadOnlySequence<byte> head)
    {
        var array = ArrayPool<byte>.Shared.Rent((int)head.Length);
        head.CopyTo(array);
        return array;
    }
}
