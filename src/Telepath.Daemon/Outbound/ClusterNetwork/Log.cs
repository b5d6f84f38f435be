using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Transparent networking applied: redirecting {Ranges}; never {Never}")]
    public static partial void NetworkApplied(ILogger logger, string ranges, string never);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating transparent networking failed")]
    public static partial void NetworkUpdateFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing transparent networking failed: {Reason}")]
    public static partial void NetworkRemoveFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The laptop's routes changed; applying the rules again so that every redirected range keeps a route")]
    public static partial void LaptopRoutesChanged(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another program replaced {Path} while connected; putting Telepath's block back so cluster names keep resolving, other names going to {Nameservers}")]
    public static partial void ResolverReplaced(ILogger logger, string path, string nameservers);
}
