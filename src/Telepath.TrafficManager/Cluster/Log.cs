using Microsoft.Extensions.Logging;

namespace Telepath.TrafficManager.Cluster;

internal static partial class Log
{
    [LoggerMessage(20, LogLevel.Information, "Cluster view: reading the cluster through {Access}")]
    public static partial void Starting(ILogger logger, ClusterAccess access);

    [LoggerMessage(21, LogLevel.Information, "Cluster view: no access to a cluster; laptops get no cluster names or ranges")]
    public static partial void NoAccess(ILogger logger);

    [LoggerMessage(22, LogLevel.Warning, "Cluster view: cannot use {Access}, trying again in {Seconds} s: {Message}")]
    public static partial void AccessFailed(ILogger logger, ClusterAccess access, double seconds, string message);

    [LoggerMessage(23, LogLevel.Information, "Cluster view: listed {Count} {Kind}")]
    public static partial void Listed(ILogger logger, string kind, int count);

    [LoggerMessage(24, LogLevel.Debug, "Cluster view: the watch of {Kind} expired (410 Gone); listing again")]
    public static partial void WatchExpired(ILogger logger, string kind);

    [LoggerMessage(25, LogLevel.Warning, "Cluster view: reading {Kind} failed, trying again in {Seconds} s: {Message}")]
    public static partial void WatchFailed(ILogger logger, string kind, double seconds, string message);

    [LoggerMessage(26, LogLevel.Information, "Cluster view: cannot list {Kind}: {Reason} (HTTP {Code}); the ranges they would give are guessed, and the list is tried again")]
    public static partial void OptionalRefused(ILogger logger, string kind, string reason, int code);

    [LoggerMessage(27, LogLevel.Information, "Cluster view: a dry-run Service at {Address} in namespace {Namespace}: the API server {Outcome}")]
    public static partial void ApiServerAnswered(ILogger logger, System.Net.IPAddress address, string @namespace, string outcome);

    [LoggerMessage(28, LogLevel.Information, "Cluster view: ranges {Ranges}")]
    public static partial void Ranges(ILogger logger, string ranges);

    [LoggerMessage(29, LogLevel.Warning, "Cluster view: ranges the cluster names that laptops will not redirect: {Refused}")]
    public static partial void RangesRefused(ILogger logger, string refused);
}
