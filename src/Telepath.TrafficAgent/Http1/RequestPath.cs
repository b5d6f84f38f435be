using System.Text;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// The path as Kestrel presents it to conditions (HttpRequest.Path): percent-escapes decoded as UTF-8
/// except %2F, and dot segments removed. Only computed when a condition asks for it.
/// </summary>
internal static class RequestPath
{
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'%') < 0 && raw.IndexOf("/."u8) < 0)
        {
            return Encoding.ASCII.GetString(raw);
        }

        var decoded = new byte[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                var value = (byte)((Hex(raw[i + 1]) << 4) | Hex(raw[i + 2]));
                if (value != (byte)'/')
                {
                    decoded[length++] = value;
                    i += 2;
                    continue;
                }
            }

            decoded[length++] = raw[i];
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(decoded, 0, length);
        }
        catch (DecoderFallbackException)
        {
            // Kestrel keeps an escape that does not decode to UTF-8 as it was; so does this, for the whole path.
            text = Encoding.ASCII.GetString(raw);
        }

        return RemoveDotSegments(text);
    }

    /// <summary>RFC 3986 section 5.2.4, as Kestrel applies it to the path.</summary>
    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains("/.", StringComparison.Ordinal))
        {
            return path;
        }

        var output = new List<string>();
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                if (last)
                {
                    output.Add("");
                }
            }
            else if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (last)
                {
                    output.Add("");
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        return "/" + string.Join('/', output);
    }

    private static bool IsHex(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
