using System.Net.Http.Headers;
using Grpc.Net.Client;
using Telepath.Tunnels.Streams;

namespace Telepath.Tunnels.Links;

/// <summary>
/// The one HTTP/2 connection (or a few, past the manager's 10,000 concurrent streams) that a laptop or
/// an agent keeps to the traffic manager: the gRPC control calls and every tunnel share it.
/// </summary>
public sealed class ManagerLink : IDisposable
{
    /// <summary>
    /// Each tunnel may have this much in flight towards us before we read it: 200 MB/s over a link with
    /// 20 ms round trips needs 4 MB (bandwidth × delay); twice that leaves room for the reader's pauses.
    /// </summary>
    public const int StreamWindow = 8 * 1024 * 1024;

    private readonly SocketsHttpHandler _sockets;
    private readonly HttpMessageHandler _handler;

    private ManagerLink(string address, SocketsHttpHandler sockets, HttpMessageHandler handler)
    {
        _sockets = sockets;
        _handler = handler;
        var baseAddress = new Uri($"http://{address}");
        // An HttpClient rather than the handler: given a handler, gRPC would put its own load balancer
        // into it (taking over its ConnectCallback), and tunnels, which are not gRPC calls, could not connect.
        Channel = GrpcChannel.ForAddress(baseAddress, new GrpcChannelOptions
        {
            HttpClient = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan },
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        Tunnels = new TunnelOpener(new HttpMessageInvoker(handler, disposeHandler: false), baseAddress);
    }

    public GrpcChannel Channel { get; }

    public TunnelOpener Tunnels { get; }

    /// <param name="address">HOST:PORT of the manager (cleartext HTTP/2).</param>
    /// <param name="token">
    /// The bearer token of every request; null sends none (a laptop behind the API server's
    /// port-forward, where the manager trusts Kubernetes rather than a token).
    /// </param>
    /// <param name="connectCallback">Replaces the TCP dial, e.g. with a Kubernetes port-forward stream.</param>
    public static ManagerLink Create(
        string address,
        string? token,
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connectCallback = null) =>
        Create(address, tokenSource: () => token, connectCallback);

    /// <param name="address">HOST:PORT of the manager (cleartext HTTP/2).</param>
    /// <param name="tokenSource">
    /// Asked for the bearer token at each request, gRPC call or tunnel: a token that changes (an
    /// agent's <c>RotatingTokenFile</c>) is sent as it is now; a null answer sends no header.
    /// </param>
    /// <param name="connectCallback">Replaces the TCP dial, e.g. with a Kubernetes port-forward stream.</param>
    public static ManagerLink Create(
        string address,
        Func<string?> tokenSource,
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connectCallback = null)
    {
        var sockets = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            InitialHttp2StreamWindowSize = StreamWindow,
            // A manager that stopped answering (its node died, the port-forward hung) is noticed in
            // seconds, not when the kernel gives up on the connection.
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ActivityHeadersPropagator = null,
        };
        if (connectCallback is not null)
        {
            sockets.ConnectCallback = connectCallback;
        }

        return new ManagerLink(address, sockets, new BearerTokenHandler(tokenSource) { InnerHandler = sockets });
    }

    public void Dispose()
    {
        Channel.Dispose();
        _handler.Dispose();
        _sockets.Dispose();
    }

    private sealed class BearerTokenHandler(Func<string?> token) : DelegatingHandler
    {
        // The header of the last token, made again only when the token changes.
        private AuthenticationHeaderValue? _header;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = Header(token());
            return base.SendAsync(request, cancellationToken);
        }

        private AuthenticationHeaderValue? Header(string? value)
        {
            if (value is null)
            {
                return null;
            }

            var header = Volatile.Read(ref _header);
            if (header?.Parameter != value)
            {
                header = new AuthenticationHeaderValue("Bearer", value);
                Volatile.Write(ref _header, header);
            }

            return header;
        }
    }
}
