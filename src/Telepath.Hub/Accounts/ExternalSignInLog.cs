using Microsoft.Extensions.Logging;

namespace Telepath.Hub;

/// <summary>External sign-in and linking events (ids 30–39).</summary>
internal static partial class Log
{
    [LoggerMessage(30, LogLevel.Warning, "The way back from {Provider} failed: {Reason}")]
    public static partial void ExternalSignInFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(31, LogLevel.Information, "User {UserId} linked {Provider} identity {ProviderKey}")]
    public static partial void ExternalLoginLinked(ILogger logger, string userId, string provider, string providerKey);

    [LoggerMessage(32, LogLevel.Warning, "User {UserId} could not link {Provider} identity {ProviderKey}: {Reason}")]
    public static partial void ExternalLoginLinkRefused(ILogger logger, string userId, string provider, string providerKey, string reason);

    [LoggerMessage(33, LogLevel.Information, "User {UserId} unlinked {Provider} identity {ProviderKey}")]
    public static partial void ExternalLoginUnlinked(ILogger logger, string userId, string provider, string providerKey);
}
