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

    // Kestrel's MaxRequestLineSize default: a longer first line is no request Kestrel would take.
    private const int MaxRequestLineLength = 8192;

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
                return i > 0 ? RequestLine(buffer) : SniffedProtocol.Other;
            }

            if (!IsTokenChar(c))
            {
                return SniffedProtocol.Other;
            }
        }

        return head.Length > MaxMethodLength ? SniffedProtocol.Other : null;
    }

    /// <summary>
    /// A word and a space start many text protocols (Redis' inline commands, memcached's "get key"), and
    /// random bytes now and then: HTTP/1 only when the whole first line ends in the version.
    /// </summary>
    private static SniffedProtocol? RequestLine(ReadOnlySequence<byte> buffer)
    {
        var lineFeed = buffer.PositionOf((byte)'\n');
        if (lineFeed is null)
        {
            return buffer.Length >= MaxRequestLineLength ? SniffedProtocol.Other : null;
        }

        var line = buffer.Slice(0, lineFeed.Value);
        if (line.Length > MaxRequestLineLength)
        {
            return SniffedProtocol.Other;
        }

        // " HTTP/1.1" and its CR (a bare LF ends a line too, as Kestrel allows).
        Span<byte> end = stackalloc byte[10];
        var tail = line.Slice(Math.Max(0, line.Length - end.Length));
        tail.CopyTo(end);
        var version = end[..(int)tail.Length].TrimEnd((byte)'\r');
        version = version[Math.Max(0, version.Length - 9)..];
        return version.Length == 9 && version[..8].SequenceEqual(" HTTP/1."u8) && version[8] is (byte)'0' or (byte)'1'
            ? SniffedProtocol.Http1
            : SniffedProtocol.Other;
    }

    private static bool IsTokenChar(byte c) =>
        c is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&'
            or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'^' or (byte)'`' or (byte)'|' or (byte)'~';
}
