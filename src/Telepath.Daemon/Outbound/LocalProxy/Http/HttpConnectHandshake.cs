using System.Text;

namespace Telepath.Daemon.Outbound.LocalProxy.Http;

/// <summary>
/// The server side of an HTTP CONNECT proxy (RFC 9110, section 9.3.6): <c>CONNECT host:port HTTP/1.1</c>
/// opens a tunnel; any other method is answered 405, since this proxy forwards no plain HTTP requests.
/// </summary>
internal sealed class HttpConnectHandshake(Stream client, byte first) : IProxyHandshake
{
    public async Task<ProxyDestination?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var head = await HttpRequestHead.ReadAsync(client, first, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            await RespondAsync("400 Bad Request", "the request head is not HTTP/1.x or is too long", cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!string.Equals(head.Method, "CONNECT", StringComparison.Ordinal))
        {
            await RespondAsync("405 Method Not Allowed", "this is a CONNECT proxy to the cluster: use CONNECT host:port, or SOCKS5", cancellationToken, "Allow: CONNECT\r\n").ConfigureAwait(false);
            return null;
        }

        if (Authority.Parse(head.Target) is not { } destination)
        {
            await RespondAsync("400 Bad Request", $"invalid CONNECT target \"{head.Target}\": expected host:port", cancellationToken).ConfigureAwait(false);
            return null;
        }

        return destination;
    }

    public async Task AcceptAsync(CancellationToken cancellationToken) =>
        await client.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);

    public Task RefuseAsync(OutboundFailure failure, string message, CancellationToken cancellationToken) => failure switch
    {
        OutboundFailure.TimedOut => RespondAsync("504 Gateway Timeout", message, cancellationToken),
        OutboundFailure.NotAllowed => RespondAsync("403 Forbidden", message, cancellationToken),
        _ => RespondAsync("502 Bad Gateway", message, cancellationToken),
    };

    public Task ForbidAsync(string reason, CancellationToken cancellationToken) => RespondAsync("403 Forbidden", reason, cancellationToken);

    private async Task RespondAsync(string status, string message, CancellationToken cancellationToken, string extraHeaders = "")
    {
        var body = Encoding.UTF8.GetBytes(message + "\n");
        var response = $"HTTP/1.1 {status}\r\n{extraHeaders}Content-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await client.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken).ConfigureAwait(false);
        await client.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
