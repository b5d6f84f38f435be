using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>
/// A browser's view of preview hosts: `&lt;id&gt;.localhost` is dialled at the hub's loopback address (this machine's
/// resolver does not map *.localhost to loopback; Chromium does it by itself), with its own cookie jar and redirects
/// not followed. Shares the cookie jar of a <see cref="HubBrowser"/> when given one, as one browser would.
/// </summary>
public sealed class PreviewVisitor : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public PreviewVisitor(Uri hub, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, hub.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        Client = new HttpClient(_handler, disposeHandler: false);
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public async Task<HubPage> GetAsync(string url) => await HubPage.ReadAsync(await Client.GetAsync(url));

    /// <summary>Follows redirects the way a browser does, across hosts, and returns the last response.</summary>
    public async Task<(HubPage Page, List<string> Chain)> FollowAsync(string url, int most = 10)
    {
        var chain = new List<string> { url };
        var page = await GetAsync(url);
        while (page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found && chain.Count < most)
        {
            url = new Uri(new Uri(url), page.Location!).ToString();
            chain.Add(url);
            page = await GetAsync(url);
        }

        return (page, chain);
    }

    public async Task<ClientWebSocket> WebSocketAsync(string url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        await socket.ConnectAsync(new Uri(url), invoker, cancellationToken);
        return socket;
    }

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
    }
}
