using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Watching;

internal static partial class Log
{
    [LoggerMessage(800, LogLevel.Debug, "sending the request log failed ({Reason}); will open a new stream")]
    public static partial void ReportFailed(ILogger logger, string reason);

    [LoggerMessage(801, LogLevel.Information, "the manager does not take request logs (older than this agent); events are dropped")]
    public static partial void ReportsUnsupported(ILogger logger);
}
