using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound;

internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Information, "Proxy to the cluster (SOCKS5 and HTTP CONNECT) listening on {Address}")]
    public static partial void ProxyListening(ILogger logger, string address);

    [LoggerMessage(61, LogLevel.Information, "Proxy on {Address} stopped")]
    public static partial void ProxyStopped(ILogger logger, string address);

    [LoggerMessage(62, LogLevel.Debug, "Proxied connection ended: {Outcome} {Detail}")]
    public static partial void ProxyConnectionEnded(ILogger logger, ProxyOutcome outcome, string detail);

    [LoggerMessage(63, LogLevel.Warning, "Proxied connection failed")]
    public static partial void ProxyConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(64, LogLevel.Warning, "{Reason}")]
    public static partial void DestinationNotAllowed(ILogger logger, string reason);

    [LoggerMessage(65, LogLevel.Warning, "Refused a proxy client at {Client}: it is a process of user {PeerUser}, and the proxy serves user {OwnUser} (and root) only")]
    public static partial void ProxyClientRefused(ILogger logger, string client, string peerUser, uint ownUser);
}
