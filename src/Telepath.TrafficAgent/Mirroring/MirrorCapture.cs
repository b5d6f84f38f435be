using System.Buffers;

namespace Telepath.TrafficAgent.Mirroring;

/// <summary>
/// The bytes of one request body as they stream to their real destination, kept up to a limit for the
/// mirrors' copy. Appending only copies bytes already read: it never waits, and never holds the body back.
/// </summary>
internal sealed class MirrorCapture(long limit)
{
    private readonly ArrayBufferWriter<byte> _bytes = new();

    public long Limit { get; } = limit;

    /// <summary>More bytes came than the limit: the copy carries only the first <see cref="Limit"/>.</summary>
    public bool Truncated { get; private set; }

    public ReadOnlyMemory<byte> Bytes => _bytes.WrittenMemory;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var room = (int)Math.Min(Limit - _bytes.WrittenCount, int.MaxValue);
        if (bytes.Length > room)
        {
            Truncated = true;
            bytes = bytes[..room];
        }

        _bytes.Write(bytes);
    }

    public void Append(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            Append(segment.Span);
        }
    }

    /// <summary>The body did not arrive whole (its sender left, or the app answered before reading it all).</summary>
    public void MarkIncomplete() => Truncated = true;
}
