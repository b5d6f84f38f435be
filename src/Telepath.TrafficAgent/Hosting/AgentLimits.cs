using Microsoft.AspNetCore.Server.Kestrel.Core;
using Telepath.TrafficAgent.Http1;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficAgent.Hosting;

/// <summary>
/// What keeps the agent healthy under slow or abusive clients (docs/security.md, "Agent: slow and abusive
/// clients"). It carries all of the workload's traffic, intercepted or not, so each limit is generous to
/// real clients and bounds only what no real client needs.
/// </summary>
internal static class AgentLimits
{
    /// <summary>
    /// Connections on the service port at once. An idle keep-alive connection holds no buffer, a
    /// plain TCP relay <see cref="RawTcpBufferSize"/> twice: even all of them relaying at once fit the
    /// sidecar's 256 Mi (128 MiB of buffers), and it is four times what one nginx worker takes by default.
    /// Past it, new connections are closed at once and the ones open are served as before.
    /// </summary>
    public const int MaxConnections = 4096;

    /// <summary>
    /// A plain TCP relay's buffer in each direction: nginx's stream proxy_buffer_size. The 64 KiB the laptop's
    /// relays read at a time would make 4,096 relays 512 MiB, twice the sidecar's memory.
    /// </summary>
    public const int RawTcpBufferSize = 16 * 1024;

    /// <summary>A client has this long to send a whole request head once it started one (Kestrel's default).</summary>
    public static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A kept-alive HTTP/1.x connection may wait this long for its next request (Kestrel's default).</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(130);

    /// <summary>
    /// A plain TCP relay (to the app, or through a global intercept's tunnel) that carries no byte either way
    /// for this long is closed. Long, because the agent must not break what works without it: database pools
    /// keep idle connections for 30 minutes (HikariCP's maxLifetime, pgxpool's MaxConnIdleTime) and a psql
    /// session may sit idle through a meeting; nginx's 10-minute proxy_timeout breaks both. A client that
    /// trickles a byte now and then defeats any idle timeout anyway: <see cref="MaxConnections"/> bounds that.
    /// This one reclaims connections whose client vanished without a word.
    /// </summary>
    public static readonly TimeSpan RawTcpIdleTimeout = TimeSpan.FromHours(1);

    public static RelayOptions RawTcpRelay(TimeProvider time) => new(RawTcpBufferSize, new RelayIdleTimeout(RawTcpIdleTimeout, time));

    public static void Apply(KestrelServerLimits limits)
    {
        limits.MaxConcurrentConnections = MaxConnections;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.RequestHeadersTimeout = HeadTimeout;

        // The same limits as the HTTP/1.x relay's, so that a head is refused alike whichever reads it.
        limits.MaxRequestHeadersTotalSize = HeadBuffer.MaxHeadLength;
        limits.MaxRequestHeaderCount = HeaderLines.MaxFields;
        limits.MaxRequestLineSize = HeadBuffer.MaxHeadLength;

        // Kestrel's defaults (240 bytes/s after a 5 s grace), set here because they were switched off before:
        // the rate is measured only while the agent waits for the client's bytes, not while a slow app or
        // laptop holds them back, and YARP lifts it for gRPC streams and upgraded connections, which may
        // rightly stay silent.
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }
}
