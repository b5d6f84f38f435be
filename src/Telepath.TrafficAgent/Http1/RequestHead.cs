using System.Buffers;
using System.Text;
using Telepath.TrafficAgent.Routing.Conditions;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// One HTTP/1.x request head as the relay read it: its bytes, forwarded exactly as they came, and
/// what routing and framing need from them. Only heads this relay reads the way Kestrel (or the app)
/// would are accepted; for any other, <see cref="TryParse"/> returns null and Kestrel takes over.
/// </summary>
internal sealed class RequestHead : IRequestView, IDisposable
{
    private const int MaxMethodLength = 24;

    private readonly byte[] _bytes;
    private readonly List<HeaderField> _fields;
    private readonly int _methodLength;
    private readonly int _pathStart;
    private readonly int _pathLength;
    private readonly int _targetLength;
    private string? _path;

    private RequestHead(byte[] bytes, int length, List<HeaderField> fields, int methodLength, int pathStart, int pathLength, int targetLength)
    {
        _targetLength = targetLength;
        _bytes = bytes;
        Length = length;
        _fields = fields;
        _methodLength = methodLength;
        _pathStart = pathStart;
        _pathLength = pathLength;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, Length);

    public BodyFraming Body { get; private init; }

    public bool IsHead { get; private init; }

    /// <summary>The client asked for the connection to end after this exchange (or did not ask to keep an HTTP/1.0 one).</summary>
    public bool CloseAfter { get; private init; }

    /// <summary>Upgrade with "Connection: upgrade": a 101 answer turns the connection into raw bytes.</summary>
    public bool IsUpgrade { get; private init; }

    public string Method => Encoding.ASCII.GetString(_bytes, 0, _methodLength);

    public string Path => _path ??= RequestPath.Decode(_bytes.AsSpan(_pathStart, _pathLength));

    /// <summary>The request target as received (path and query, still escaped), for the request log.</summary>
    public string Target => Encoding.ASCII.GetString(_bytes, _pathStart, _targetLength);

    public bool AnyHeaderValue(string name, Func<string, bool> test)
    {
        var head = _bytes.AsSpan(0, Length);
        var tried = 0;
        foreach (var field in _fields)
        {
            if (!Ascii.EqualsIgnoreCase(field.Name(head), name))
            {
                continue;
            }

            if (test(Encoding.ASCII.GetString(field.Value(head))))
            {
                return true;
            }

            if (++tried == IRequestView.MaxValuesTried)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Every header field, in order, for a mirror's copy (Mirroring/MirrorCopy).</summary>
    public List<KeyValuePair<string, string>> Headers()
    {
        var head = _bytes.AsSpan(0, Length);
        var headers = new List<KeyValuePair<string, string>>(_fields.Count);
        foreach (var field in _fields)
        {
            headers.Add(new(Encoding.Latin1.GetString(field.Name(head)), Encoding.Latin1.GetString(field.Value(head))));
        }

        return headers;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_bytes);

    /// <param name="head">The whole head, up to and including its empty line.</param>
    /// <returns>Null when the head is not one this relay may forward as it is: Kestrel decides about it.</returns>
    public static RequestHead? TryParse(ReadOnlySequence<byte> head)
    {
        var bytes = HeadBuffer.Copy(head);
        var parsed = TryParse(bytes, (int)head.Length);
        if (parsed is null)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return parsed;
    }

    private static RequestHead? TryParse(byte[] bytes, int length)
    {
        var span = bytes.AsSpan(0, length);
        var method = span.IndexOf((byte)' ');
        if (method < 1 || method > MaxMethodLength || !HeaderLines.IsToken(span[..method]) || span[..method].SequenceEqual("CONNECT"u8))
        {
            return null;
        }

        // Origin form only ("/path?query"): absolute and authority forms, and "*", are Kestrel's to handle.
        var targetStart = method + 1;
        var targetLength = span[targetStart..].IndexOf((byte)' ');
        if (targetLength < 1 || span[targetStart] != (byte)'/' || span.Slice(targetStart, targetLength).IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            return null;
        }

        var versionStart = targetStart + targetLength + 1;
        var version = span[versionStart..];
        bool http10;
        if (version.StartsWith("HTTP/1.1\r\n"u8))
        {
            http10 = false;
        }
        else if (version.StartsWith("HTTP/1.0\r\n"u8))
        {
            http10 = true;
        }
        else
        {
            return null;
        }

        var fields = new List<HeaderField>(16);
        if (!HeaderLines.TryParse(span, versionStart + 10, fields))
        {
            return null;
        }

        var target = span.Slice(targetStart, targetLength);
        var query = target.IndexOf((byte)'?');
        var pathLength = query < 0 ? targetLength : query;
        return Describe(bytes, length, fields, method, targetStart, pathLength, targetLength, http10);
    }

    private static RequestHead? Describe(byte[] bytes, int length, List<HeaderField> fields, int method, int pathStart, int pathLength, int targetLength, bool http10)
    {
        var span = bytes.AsSpan(0, length);
        int hosts = 0, contentLengths = 0, transferEncodings = 0;
        long contentLength = 0;
        bool chunked = false, close = false, keepAlive = false, upgradeToken = false, upgrade = false;
        foreach (var field in fields)
        {
            var value = field.Value(span);
            if (field.Is(span, "host"u8))
            {
                hosts++;
            }
            else if (field.Is(span, "content-length"u8))
            {
                contentLengths++;
                if (!HeaderLines.TryParseLength(value, out contentLength))
                {
                    return null;
                }
            }
            else if (field.Is(span, "transfer-encoding"u8))
            {
                transferEncodings++;
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (field.Is(span, "connection"u8))
            {
                close |= HeaderLines.HasToken(value, "close"u8);
                keepAlive |= HeaderLines.HasToken(value, "keep-alive"u8);
                upgradeToken |= HeaderLines.HasToken(value, "upgrade"u8);
            }
            else if (field.Is(span, "upgrade"u8))
            {
                upgrade = true;
            }
        }

        // The framings a smuggler plays with (both lengths, two lengths, a coding other than chunked, no
        // or two Hosts) are refused by Kestrel with 400; the relay never forwards them.
        if (hosts > 1 || (hosts == 0 && !http10) || contentLengths > 1 || transferEncodings > 1
            || (transferEncodings == 1 && (!chunked || contentLengths > 0 || http10)))
        {
            return null;
        }

        return new RequestHead(bytes, length, fields, method, pathStart, pathLength, targetLength)
        {
            Body = chunked ? BodyFraming.Chunked : BodyFraming.Of(contentLength),
            IsHead = span[..method].SequenceEqual("HEAD"u8),
            CloseAfter = close || (http10 && !keepAlive),
            IsUpgrade = upgrade && upgradeToken,
        };
    }
}
