using System.Buffers;

namespace Telepath.ProtocolSniffing;

public enum SniffedProtocol
{
    Http1,
    Http2,

    /// <summary>Not HTTP, or the client sent nothing in time (a server-speaks-first protocol).</summary>
    Other,
}

/// <summary>Decides from the first bytes of a connection which protocol the client speaks.</summary>
public static class ProtocolSniffer
{
    private static ReadOnlySpan<byte> Http2Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    // A request line starts with a method token of at most this many letters and a space.
    private const int MaxMethodLength = 24;

    /// <summary>Returns the protocol, or null when more bytes are needed to tell.</summary>
    public static SniffedProtocol? Classify(ReadOnlySequence<byte> buffer)
    {
        Span<byte> head = stackalloc byte[MaxMethodLength + 1];
        var length = (int)Math.Min(buffer.Length, head.Length);
        buffer.Slice(0, length).CopyTo(head);
        head = head[..length];

        var prefaceLength = Math.Min(length, Http2Preface.Length);
        if (head[..prefaceLength].SequenceEqual(Http2Preface[..prefaceLength]))
        {
            if (buffer.Length >= Http2Preface.Length)
            {
                return SniffedProtocol.Http2;
            }

            // "PRI " alone could still be an HTTP/1 request of an odd method; wait for the whole preface.
            return null;
        }

        for (var i = 0; i < head.Length; i++)
        {
            var c = head[i];
            if (c == (byte)' ')
            {
                return i > 0 ? SniffedProtocol.Http1 : SniffedProtocol.Other;
            }

            if (!IsTokenChar(c))
            {
                return SniffedProtocol.Other;
            }
        }

        return head.Length > MaxMethodLength ? SniffedProtocol.Other : null;
    }

    private static bool IsTokenChar(byte c) =>
        c is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&'
            or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'^' or (byte)'`' or (byte)'|' or (byte)'~';
}
