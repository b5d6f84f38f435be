using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.Transparent;

internal static partial class Log
{
    [LoggerMessage(660, LogLevel.Information, "Transparent proxy for redirected cluster connections listening on {Address}")]
    public static partial void TransparentProxyListening(ILogger logger, string address);

    [LoggerMessage(661, LogLevel.Information, "Transparent proxy on {Address} stopped")]
    public static partial void TransparentProxyStopped(ILogger logger, string address);
}
