using Microsoft.Extensions.Logging;
using Telepath.TrafficManager.Sessions;

namespace Telepath.TrafficManager;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Kind} {Name} arrived (session {SessionId})")]
    public static partial void Arrived(ILogger logger, SessionKind kind, string name, string sessionId);

    [LoggerMessage(2, LogLevel.Information, "{Kind} {Name} departed (session {SessionId})")]
    public static partial void Departed(ILogger logger, SessionKind kind, string name, string sessionId);

    [LoggerMessage(3, LogLevel.Warning, "{Kind} {Name} missed its heartbeats; its session {SessionId} is gone")]
    public static partial void LeaseExpired(ILogger logger, SessionKind kind, string name, string sessionId);

    [LoggerMessage(4, LogLevel.Information, "Intercept {Name} of {Workload} created by {Client} ({Kind})")]
    public static partial void InterceptCreated(ILogger logger, string name, string workload, string client, string kind);

    [LoggerMessage(5, LogLevel.Information, "Intercept {Name} removed ({Reason})")]
    public static partial void InterceptRemoved(ILogger logger, string name, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Tunnel {ConnectionId} for intercept {Intercept} ended: {Outcome}")]
    public static partial void TunnelEnded(ILogger logger, string connectionId, string intercept, Telepath.Tunnels.Relays.RelayOutcome outcome);

    [LoggerMessage(7, LogLevel.Information, "Tunnel for intercept {Intercept} refused: {Code} {Message}")]
    public static partial void TunnelRefused(ILogger logger, string intercept, Protocol.Manager.TunnelErrorCode code, string message);

    [LoggerMessage(8, LogLevel.Debug, "Outbound {ConnectionId} from {Client} to {Destination} connected to {RemoteAddress}")]
    public static partial void OutboundOpened(ILogger logger, string connectionId, string client, string destination, string remoteAddress);

    [LoggerMessage(9, LogLevel.Information, "Outbound from {Client} to {Destination} refused: {Code} {Message}")]
    public static partial void OutboundRefused(ILogger logger, string client, string destination, Protocol.Manager.TunnelErrorCode code, string message);

    [LoggerMessage(10, LogLevel.Debug, "Outbound {ConnectionId} to {Destination} ended: {Outcome}")]
    public static partial void OutboundEnded(ILogger logger, string connectionId, string destination, Telepath.Tunnels.Relays.RelayOutcome outcome);

    [LoggerMessage(11, LogLevel.Error, "The manager may not create TokenReviews, so no agent can arrive: its ClusterRole needs create on tokenreviews.authentication.k8s.io (telepath install updates it)")]
    public static partial void TokenReviewForbidden(ILogger logger);

    [LoggerMessage(12, LogLevel.Warning, "An agent's token could not be reviewed: {Reason}")]
    public static partial void TokenReviewFailed(ILogger logger, string reason);

    [LoggerMessage(13, LogLevel.Information, "Refused a caller from {Remote}: {Message}")]
    public static partial void CallerRefused(ILogger logger, string remote, string message);

    [LoggerMessage(14, LogLevel.Warning, "Intercept of {Workload} in {Namespace} refused to {Client}: {Message}")]
    public static partial void ClaimRefused(ILogger logger, string workload, string @namespace, string client, string message);
}
