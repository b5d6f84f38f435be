using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Previews;

internal static partial class Log
{
    [LoggerMessage(50, LogLevel.Information, "Preview {Url} made for intercept {Name}")]
    public static partial void PreviewCreated(ILogger logger, string url, string name);

    [LoggerMessage(51, LogLevel.Information, "Preview {Url} of intercept {Name} ended")]
    public static partial void PreviewEnded(ILogger logger, string url, string name);

    [LoggerMessage(52, LogLevel.Warning, "Could not end preview {Url} at the hub: {Detail}")]
    public static partial void PreviewEndFailed(ILogger logger, string url, string detail);

    [LoggerMessage(53, LogLevel.Information, "Preview {Url} was deleted at the hub; leaving intercept {Name}")]
    public static partial void PreviewDeletedAtHub(ILogger logger, string url, string name);

    [LoggerMessage(54, LogLevel.Warning, "Could not ask the hub which previews are active: {Detail}")]
    public static partial void PreviewPollFailed(ILogger logger, string detail);
}
