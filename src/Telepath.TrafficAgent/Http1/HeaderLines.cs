using System.Text;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// Splits the header section of a head (after its first line, up to the empty line) into fields, as
/// strictly as Kestrel reads them: CRLF line ends only, a token name with no white space before the
/// colon, no obsolete line folding, visible ASCII and tabs only. Anything else is not ours to guess at.
/// </summary>
internal static class HeaderLines
{
    /// <summary>Kestrel's default limit on the number of request header fields.</summary>
    public const int MaxFields = 100;

    /// <returns>False when a line is not a header field this relay reads the way the receiving server would.</returns>
    public static bool TryParse(ReadOnlySpan<byte> head, int start, List<HeaderField> fields)
    {
        var position = start;
        while (true)
        {
            var lineEnd = head[position..].IndexOf((byte)'\n');
            if (lineEnd < 1 || head[position + lineEnd - 1] != (byte)'\r')
            {
                return false;
            }

            var line = head.Slice(position, lineEnd - 1);
            if (line.IsEmpty)
            {
                return true;
            }

            if (fields.Count == MaxFields || !TryParseField(line, position, out var field))
            {
                return false;
            }

            fields.Add(field);
            position += lineEnd + 1;
        }
    }

    private static bool TryParseField(ReadOnlySpan<byte> line, int offset, out HeaderField field)
    {
        field = default;
        var colon = line.IndexOf((byte)':');
        if (colon < 1 || !IsToken(line[..colon]))
        {
            // Also refuses a line starting with white space: obsolete folding.
            return false;
        }

        var value = line[(colon + 1)..];
        var leading = value.Length - value.TrimStart(" \t"u8).Length;
        value = value.Trim(" \t"u8);
        foreach (var b in value)
        {
            if (b is < 0x20 and not (byte)'\t' || b >= 0x7F)
            {
                return false;
            }
        }

        field = new HeaderField(offset, colon, offset + colon + 1 + leading, value.Length);
        return true;
    }

    public static bool IsToken(ReadOnlySpan<byte> span)
    {
        foreach (var c in span)
        {
            if (!(c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
                or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~'))
            {
                return false;
            }
        }

        return !span.IsEmpty;
    }

    /// <summary>Whether a comma-separated header value (Connection) holds the token, case-insensitively.</summary>
    public static bool HasToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lowerCaseToken)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), lowerCaseToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A non-negative decimal length with no sign, spaces or overflow.</summary>
    public static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.Length > 18)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            length = (length * 10) + (c - '0');
        }

        return true;
    }
}
