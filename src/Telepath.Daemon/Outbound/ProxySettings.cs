using Telepath.Daemon.Outbound.LocalProxy;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Outbound;

/// <summary>What a connect request asks of the proxy: nothing, or a SOCKS5 / HTTP CONNECT proxy on a port.</summary>
public static class ProxySettings
{
    public const string Socks = "socks";

    /// <summary>Transparent networking: nftables redirects and the daemon's DNS (docs/outbound.md).</summary>
    public const string On = "on";

    public const string Off = "off";

    /// <summary>Refuses a proxy mode this daemon does not know, before anything is started.</summary>
    public static void Validate(ConnectRequest request)
    {
        if (request.ProxyMode is not ("" or Off or On or Socks))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"unknown proxy mode \"{request.ProxyMode}\": expected {On}, {Off} or {Socks}"));
        }
    }

    /// <returns>The bound proxy, or null when the request asks for none.</returns>
    public static LocalProxyServer? Bind(ConnectRequest request, ILogger logger)
    {
        Validate(request);
        return request.ProxyMode == Socks ? LocalProxyServer.Bind(request.ProxyPort == 0 ? LocalProxyServer.DefaultPort : request.ProxyPort, logger) : null;
    }

    /// <summary>
    /// A connect that asks for a proxy, to a daemon already connected to the same place, is refused
    /// unless that proxy runs: changing it would cut the connections it carries. A connect that asks
    /// for none (list and intercept connect when needed) takes the daemon as it is.
    /// </summary>
    public static void EnsureServedBy(ConnectRequest request, LocalProxyServer? running)
    {
        if (request.ProxyMode != Socks)
        {
            return;
        }

        var port = request.ProxyPort == 0 ? LocalProxyServer.DefaultPort : request.ProxyPort;
        if (running is null || running.Address != $"127.0.0.1:{port}")
        {
            var now = running is null ? "without a proxy" : $"with the proxy on {running.Address}";
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"already connected {now}; run \"telepath quit\" first to connect with the proxy on 127.0.0.1:{port}"));
        }
    }
}
