using System.Net.Http.Headers;
using Grpc.Net.Client;

namespace Telepath.Core.Grpc;

/// <summary>
/// The one HTTP/2 connection (or a few, past 1000 concurrent streams) that a client or an agent keeps
/// to the traffic manager. All sessions, watches and tunnels share it.
/// </summary>
public static class ManagerChannel
{
    /// <param name="address">HOST:PORT of the manager (cleartext HTTP/2).</param>
    /// <param name="connectCallback">Replaces the TCP dial, e.g. with a Kubernetes port-forward stream.</param>
    public static GrpcChannel Create(
        string address,
        string token,
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connectCallback = null)
    {
        var sockets = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            // Tunnels carry bulk data: a larger window keeps one stream from stalling on round trips.
            InitialHttp2StreamWindowSize = 1024 * 1024,
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (connectCallback is not null)
        {
            sockets.ConnectCallback = connectCallback;
        }

        return GrpcChannel.ForAddress($"http://{address}", new GrpcChannelOptions
        {
            HttpHandler = new BearerTokenHandler(token) { InnerHandler = sockets },
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
    }

    private sealed class BearerTokenHandler(string token) : DelegatingHandler
    {
        private readonly AuthenticationHeaderValue _header = new("Bearer", token);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = _header;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
