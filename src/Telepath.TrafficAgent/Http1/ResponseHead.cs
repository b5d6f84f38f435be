using System.Text;
using System.Buffers;

namespace Telepath.TrafficAgent.Http1;

/// <summary>What the relay needs from a response head: its status, how its body is framed, whether the connection ends after it.</summary>
internal readonly record struct ResponseHead(int Status, BodyFraming Body, bool CloseAfter)
{
    /// <summary>1xx other than 101: another head follows before the final one.</summary>
    public bool IsInterim => Status is >= 100 and < 200 && Status != 101;

    public bool IsSwitchingProtocols => Status == 101;

    /// <param name="head">The whole head, up to and including its empty line.</param>
    /// <param name="requestWasHead">A response to HEAD has no body, whatever its Content-Length says.</param>
    /// <returns>Null for a head that is not HTTP/1.x as the relay can frame it: the exchange fails.</returns>
    public static ResponseHead? TryParse(ReadOnlySequence<byte> head, bool requestWasHead)
    {
        var bytes = HeadBuffer.Copy(head);
        try
        {
            return TryParse(bytes.AsSpan(0, (int)head.Length), requestWasHead);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static ResponseHead? TryParse(ReadOnlySpan<byte> span, bool requestWasHead)
    {
        bool http10;
        if (span.StartsWith("HTTP/1.1 "u8))
        {
            http10 = false;
        }
        else if (span.StartsWith("HTTP/1.0 "u8))
        {
            http10 = true;
        }
        else
        {
            return null;
        }

        var status = span.Slice(9, Math.Min(3, span.Length - 9));
        if (status.Length != 3 || !HeaderLines.TryParseLength(status, out var code) || code < 100)
        {
            return null;
        }

        var lineEnd = span.IndexOf("\r\n"u8);
        var fields = new List<HeaderField>(16);
        if (lineEnd < 0 || !HeaderLines.TryParse(span, lineEnd + 2, fields))
        {
            return null;
        }

        long? contentLength = null;
        bool chunked = false, transferEncoded = false, close = false, keepAlive = false;
        foreach (var field in fields)
        {
            var value = field.Value(span);
            if (field.Is(span, "content-length"u8))
            {
                if (!HeaderLines.TryParseLength(value, out var length) || (contentLength is { } earlier && earlier != length))
                {
                    return null;
                }

                contentLength = length;
            }
            else if (field.Is(span, "transfer-encoding"u8))
            {
                transferEncoded = true;
                // The last coding decides (RFC 9112 6.3): only when it is chunked does the body end on its own.
                var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
                chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
            }
            else if (field.Is(span, "connection"u8))
            {
                close |= HeaderLines.HasToken(value, "close"u8);
                keepAlive |= HeaderLines.HasToken(value, "keep-alive"u8);
            }
        }

        var body = (int)code is < 200 or 204 or 304 || requestWasHead ? BodyFraming.None
            : transferEncoded ? (chunked ? BodyFraming.Chunked : BodyFraming.UntilClose)
            : contentLength is { } n ? BodyFraming.Of(n)
            : BodyFraming.UntilClose;
        return new ResponseHead((int)code, body, close || (http10 && !keepAlive) || body.Kind == BodyKind.UntilClose);
    }
}
