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
    public static partial void TunnelEnded(ILogger logger, string connectionId, string intercept, Tunnels.TunnelOutcome outcome);

    [LoggerMessage(7, LogLevel.Information, "Tunnel for intercept {Intercept} refused: {Code} {Message}")]
    public static partial void TunnelRefused(ILogger logger, string intercept, Protocol.Manager.TunnelErrorCode code, string message);

    [LoggerMessage(8, LogLevel.Debug, "Outbound {ConnectionId} from {Client} to {Destination} connected to {RemoteAddress}")]
    public static partial void OutboundOpened(ILogger logger, string connectionId, string client, string destination, string remoteAddress);

    [LoggerMessage(9, LogLevel.Information, "Outbound from {Client} to {Destination} refused: {Code} {Message}")]
    public static partial void OutboundRefused(ILogger logger, string client, string destination, Protocol.Manager.TunnelErrorCode code, string message);

    [LoggerMessage(10, LogLevel.Debug, "Outbound {ConnectionId} to {Destination} ended: {Outcome}")]
    public static partial void OutboundEnded(ILogger logger, string connectionId, string destination, Core.Tunnels.RelayOutcome outcome);
}
