using System.Globalization;
using System.Text;

namespace Telepath.Testing.Http;

/// <summary>HTTP/1.1 requests as bytes on the wire, for clients that write them by hand (raw sockets, nc).</summary>
public static class RawRequest
{
    /// <summary>A request with the Host header and the given ones; a body gets its Content-Length.</summary>
    public static string Build(string method, string path, string body = "", params (string Name, string Value)[] headers)
    {
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: orders\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (body.Length > 0)
        {
            request.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
        }

        return request.Append("\r\n").Append(body).ToString();
    }
}
