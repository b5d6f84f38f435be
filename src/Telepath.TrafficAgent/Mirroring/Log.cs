using Microsoft.Extensions.Logging;

namespace Telepath.TrafficAgent.Mirroring;

internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Debug, "mirror \"{Mirror}\": copy of {Method} {Path} not answered: {Problem}")]
    public static partial void CopyFailed(ILogger logger, string mirror, string method, string path, string problem);

    [LoggerMessage(901, LogLevel.Debug, "mirror \"{Mirror}\": copy of {Method} {Path} dropped: the laptop is slow or gone ({Dropped} dropped so far)")]
    public static partial void CopyDropped(ILogger logger, string mirror, string method, string path, long dropped);

    [LoggerMessage(903, LogLevel.Information, "dropped {Count} copies for mirror {Mirror} ({User}) in the last {Seconds}s: the laptop is slow or gone")]
    public static partial void CopiesDropped(ILogger logger, long count, string mirror, string user, long seconds);

    [LoggerMessage(902, LogLevel.Debug, "{Method} {Path} not mirrored: {Reason}")]
    public static partial void NotMirrored(ILogger logger, string method, string path, string reason);
}
