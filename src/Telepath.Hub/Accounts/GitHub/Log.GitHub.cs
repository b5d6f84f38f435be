using Microsoft.Extensions.Logging;

namespace Telepath.Hub;

/// <summary>GitHub sign-in and membership events (ids 40–49).</summary>
internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Warning, "GitHub sign-in refused for {Login}: {Reason}")]
    public static partial void GitHubRefused(ILogger logger, string login, string reason);

    [LoggerMessage(41, LogLevel.Information, "Organisation {Organisation} created for the GitHub organisation of that name")]
    public static partial void GitHubOrganisationCreated(ILogger logger, string organisation);

    [LoggerMessage(42, LogLevel.Information, "User {UserId} joined {Organisation}, as a member of the GitHub organisation")]
    public static partial void GitHubMemberAdded(ILogger logger, string userId, string organisation);

    [LoggerMessage(43, LogLevel.Information, "User {UserId} left {Organisation}, with their tokens and previews there: GitHub no longer lists them as a member")]
    public static partial void GitHubMemberRemoved(ILogger logger, string userId, string organisation);

    [LoggerMessage(44, LogLevel.Warning, "Could not re-check the GitHub organisations of {Login}; their GitHub-backed access is suspended until GitHub answers")]
    public static partial void GitHubRecheckUnavailable(ILogger logger, string login);
}
