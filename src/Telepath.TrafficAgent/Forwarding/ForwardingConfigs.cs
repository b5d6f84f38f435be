using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Telepath.TrafficAgent.Forwarding;

/// <summary>Forward with the HTTP version the client used, so h2c (gRPC with its trailers) stays HTTP/2.</summary>
internal static class ForwardingConfigs
{
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(100);

    private static readonly ForwarderRequestConfig Http11 = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        ActivityTimeout = ActivityTimeout,
    };

    private static readonly ForwarderRequestConfig Http2 = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        ActivityTimeout = ActivityTimeout,
    };

    // Streams that may rightly stay silent for minutes (WebSockets, gRPC streams, server-sent events)
    // must not be cut by an idle timeout; the client and the app decide when they end.
    private static readonly ForwarderRequestConfig Http11Streaming = Http11 with { ActivityTimeout = Timeout.InfiniteTimeSpan };
    private static readonly ForwarderRequestConfig Http2Streaming = Http2 with { ActivityTimeout = Timeout.InfiniteTimeSpan };

    public static ForwarderRequestConfig For(HttpContext context)
    {
        var http2 = HttpProtocol.IsHttp2(context.Request.Protocol);
        return (http2, IsStreaming(context)) switch
        {
            (true, true) => Http2Streaming,
            (true, false) => Http2,
            (false, true) => Http11Streaming,
            (false, false) => Http11,
        };
    }

    private static bool IsStreaming(HttpContext context)
    {
        if (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true)
        {
            return true;
        }

        var request = context.Request;
        return (request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) ?? false)
            || request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
    }
}
