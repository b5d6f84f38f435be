using System.Globalization;
using System.Text;

namespace Telepath.Testing.Http;

/// <summary>One HTTP/1.1 response as read off the wire; headers by lower-case name.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Which app answered: the test apps and the sample service name themselves in x-served-by.</summary>
    public string ServedBy => Headers.TryGetValue("x-served-by", out var name) ? name : $"(no x-served-by: {Status} {Body})";

    /// <summary>Every response in the bytes, in order (pipelined answers too); a response cut short fails the parse.</summary>
    public static IReadOnlyList<RawResponse> ParseAll(byte[] bytes)
    {
        var responses = new List<RawResponse>();
        var at = 0;
        while (at < bytes.Length)
        {
            responses.Add(ParseOne(bytes, ref at));
        }

        return responses;
    }

    private static RawResponse ParseOne(byte[] bytes, ref int at)
    {
        var headEnd = IndexOf(bytes, "\r\n\r\n"u8, at);
        var lines = Encoding.ASCII.GetString(bytes, at, headEnd - at).Split("\r\n");
        at = headEnd + 4;
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).ToDictionary(
            line => line[..line.IndexOf(':')].Trim().ToLowerInvariant(),
            line => line[(line.IndexOf(':') + 1)..].Trim());

        using var body = new MemoryStream();
        if (headers.TryGetValue("content-length", out var length))
        {
            var count = int.Parse(length, CultureInfo.InvariantCulture);
            body.Write(Take(bytes, ref at, count));
        }
        else if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var sizeEnd = IndexOf(bytes, "\r\n"u8, at);
                var size = int.Parse(Encoding.ASCII.GetString(bytes, at, sizeEnd - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                at = sizeEnd + 2;
                if (size == 0)
                {
                    at = IndexOf(bytes, "\r\n"u8, at) + 2;
                    break;
                }

                body.Write(Take(bytes, ref at, size));
                at += 2;
            }
        }
        else
        {
            // No length: the body runs to the end of the connection.
            body.Write(Take(bytes, ref at, bytes.Length - at));
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static byte[] Take(byte[] bytes, ref int at, int count)
    {
        if (at + count > bytes.Length)
        {
            throw new FormatException($"the response was cut short: {count} bytes expected, {bytes.Length - at} left");
        }

        var taken = bytes.AsSpan(at, count).ToArray();
        at += count;
        return taken;
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> value, int from)
    {
        var found = bytes.AsSpan(from).IndexOf(value);
        return found >= 0 ? from + found : throw new FormatException($"the response was cut short: no \"{Encoding.ASCII.GetString(value).ReplaceLineEndings("\\n")}\" after byte {from}");
    }
}
