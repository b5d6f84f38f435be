using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.RootHelper;

internal static partial class Log
{
    [LoggerMessage(640, LogLevel.Information, "Network helper listening on {Socket} for user {UserId}")]
    public static partial void HelperListening(ILogger logger, string socket, uint userId);

    [LoggerMessage(641, LogLevel.Warning, "Refused a connection from user {UserId} (process {ProcessId}): only user {Allowed} or root may use the helper")]
    public static partial void PeerRefused(ILogger logger, uint userId, int processId, uint allowed);

    [LoggerMessage(642, LogLevel.Information, "Network set up for the connections and lookups of user {UserId}: {ClusterRanges} cluster ranges, {NeverRanges} never-proxied ranges, proxy port {ProxyPort}, DNS port {DnsPort}")]
    public static partial void Applied(ILogger logger, uint userId, int clusterRanges, int neverRanges, int proxyPort, int dnsPort);

    [LoggerMessage(643, LogLevel.Information, "Network settings of Telepath removed")]
    public static partial void Removed(ILogger logger);

    [LoggerMessage(644, LogLevel.Error, "Could not remove Telepath's network settings: {Error}")]
    public static partial void RemoveFailed(ILogger logger, string error);

    [LoggerMessage(645, LogLevel.Information, "The daemon's session with the network helper ended; cleaning up")]
    public static partial void SessionEnded(ILogger logger);

    [LoggerMessage(646, LogLevel.Warning, "No daemon connected to the network helper within {Seconds} s; exiting")]
    public static partial void NoSession(ILogger logger, double seconds);

    [LoggerMessage(647, LogLevel.Warning, "{Path} points at systemd-resolved, but split DNS through it failed ({Why}); the managed block in {Path} is used instead")]
    public static partial void ResolvedUnusable(ILogger logger, string path, string why);

    [LoggerMessage(649, LogLevel.Information, "Cluster DNS wired in through {How}")]
    public static partial void DnsWired(ILogger logger, string how);

    [LoggerMessage(650, LogLevel.Warning, "The telepath that started the network helper exited before a daemon connected; exiting")]
    public static partial void LauncherGone(ILogger logger);

    [LoggerMessage(651, LogLevel.Information, "Added the route {Cidr} dev {Device}: {Why}")]
    public static partial void RouteAdded(ILogger logger, string cidr, string device, string why);

    [LoggerMessage(652, LogLevel.Information, "Deleted the route {Cidr} dev {Device}: the range is no longer redirected")]
    public static partial void RouteDeleted(ILogger logger, string cidr, string device);

    [LoggerMessage(653, LogLevel.Warning, "The route {Cidr} dev {Device} that Telepath added was deleted by another program; looking at the range again")]
    public static partial void RouteGone(ILogger logger, string cidr, string device);

    [LoggerMessage(654, LogLevel.Warning, "Refused a connection from user {UserId} (process {ProcessId}): the helper serves only its session, that of process {SessionProcessId} (user {SessionUserId})")]
    public static partial void SecondSessionRefused(ILogger logger, uint userId, int processId, uint sessionUserId, int sessionProcessId);

    [LoggerMessage(648, LogLevel.Debug, "Request {Op} answered: ok={Ok} {Error}")]
    public static partial void Answered(ILogger logger, string op, bool ok, string error);
}
