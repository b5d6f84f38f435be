using Microsoft.Extensions.Logging;

namespace Telepath.TrafficManager.Intercepts;

internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Debug, "Traffic agent {Pod} of {Workload} routes by {Count} intercept(s) now")]
    public static partial void RoutesReported(ILogger logger, string pod, string workload, int count);

    [LoggerMessage(41, LogLevel.Debug, "Traffic agent {Pod} of {Workload} reported {Count} intercept id(s) that are not its workload's; ignored")]
    public static partial void ForeignRoutesIgnored(ILogger logger, string pod, string workload, int count);
}
