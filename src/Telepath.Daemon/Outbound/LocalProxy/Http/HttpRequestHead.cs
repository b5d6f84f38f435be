using System.Text;

namespace Telepath.Daemon.Outbound.LocalProxy.Http;

/// <summary>The request line of an HTTP/1.x request; its header fields are read past, since CONNECT needs none.</summary>
internal sealed record HttpRequestHead(string Method, string Target)
{
    private const int MaxLength = 16 * 1024;

    /// <summary>
    /// Reads up to the blank line that ends the head, one byte at a time: whatever the client sends
    /// after it belongs to the tunnel and must stay unread here.
    /// </summary>
    /// <returns>The head, or null when it is not HTTP/1.x or too long.</returns>
    public static async Task<HttpRequestHead?> ReadAsync(Stream client, byte first, CancellationToken cancellationToken)
    {
        var head = new List<byte>(512) { first };
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count >= MaxLength)
            {
                return null;
            }

            await client.ReadExactlyAsync(one, cancellationToken).ConfigureAwait(false);
            head.Add(one[0]);
        }

        var requestLine = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", 2)[0].Split(' ');
        return requestLine.Length == 3 && requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal)
            ? new HttpRequestHead(requestLine[0], requestLine[1])
            : null;
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
