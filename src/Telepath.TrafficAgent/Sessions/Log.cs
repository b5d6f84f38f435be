using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Sessions;

internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Information, "arrived at the traffic manager {Manager} as session {SessionId} (manager {ManagerVersion})")]
    public static partial void Arrived(ILogger logger, string manager, string sessionId, string managerVersion);

    [LoggerMessage(201, LogLevel.Warning, "the traffic manager {Manager} is unreachable ({Reason}); routing everything to the app until it answers")]
    public static partial void ManagerLost(ILogger logger, string manager, string reason);

    [LoggerMessage(202, LogLevel.Debug, "traffic manager {Manager} still unreachable: {Reason}")]
    public static partial void ManagerStillUnreachable(ILogger logger, string manager, string reason);

    [LoggerMessage(203, LogLevel.Information, "departed from the traffic manager (session {SessionId})")]
    public static partial void Departed(ILogger logger, string sessionId);

    [LoggerMessage(204, LogLevel.Debug, "could not depart from the traffic manager: {Reason}")]
    public static partial void DepartFailed(ILogger logger, string reason);

    [LoggerMessage(205, LogLevel.Debug, "told the traffic manager that {Count} intercept(s) are applied")]
    public static partial void RoutesReported(ILogger logger, int count);

    [LoggerMessage(206, LogLevel.Warning, "the traffic manager does not take route reports (an older version); routing goes on without them")]
    public static partial void RouteReportsUnsupported(ILogger logger);
}
