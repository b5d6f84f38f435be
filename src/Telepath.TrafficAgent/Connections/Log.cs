using Microsoft.Extensions.Logging;
using Telepath.TrafficAgent.Tunnels;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficAgent.Connections;

internal static partial class Log
{
    [LoggerMessage(500, LogLevel.Debug, "connection {ConnectionId} relayed to the app: {Outcome}")]
    public static partial void RelayedToApp(ILogger logger, string connectionId, RelayOutcome outcome);

    [LoggerMessage(501, LogLevel.Warning, "connection {ConnectionId} closed: the app at {App} is unreachable: {Reason}")]
    public static partial void AppUnreachable(ILogger logger, string connectionId, string app, string reason);

    [LoggerMessage(502, LogLevel.Debug, "connection {ConnectionId} relayed to intercept \"{Intercept}\": {Outcome}")]
    public static partial void RelayedToIntercept(ILogger logger, string connectionId, string intercept, RelayOutcome outcome);

    [LoggerMessage(503, LogLevel.Information, "intercept \"{Intercept}\" cannot take connection {ConnectionId} ({Reason}: {Message}); the app serves it")]
    public static partial void GlobalFailingOpen(ILogger logger, string connectionId, string intercept, TunnelDialOutcome reason, string message);

    [LoggerMessage(504, LogLevel.Warning, "connection {ConnectionId} closed: intercept \"{Intercept}\" (target {Target} on the laptop of {Client}) refused it: {Reason}: {Message}")]
    public static partial void GlobalRefused(ILogger logger, string connectionId, string intercept, string target, string client, TunnelDialOutcome reason, string message);
}
