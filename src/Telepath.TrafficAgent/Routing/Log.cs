using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Routing;

internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "routes: {Routes}")]
    public static partial void RoutesChanged(ILogger logger, string routes);

    [LoggerMessage(101, LogLevel.Warning, "ignoring intercept \"{Name}\" ({Id}): {Reason}")]
    public static partial void InterceptIgnored(ILogger logger, string name, string id, string reason);
}
