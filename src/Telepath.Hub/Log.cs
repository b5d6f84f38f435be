using Microsoft.Extensions.Logging;

namespace Telepath.Hub;

/// <summary>The hub's log events; ids are stable so operators can filter on them.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Applying database migrations ({Provider}): {Migrations}")]
    public static partial void Migrating(ILogger logger, string provider, string migrations);

    [LoggerMessage(2, LogLevel.Warning, "Set up the first admin account: {Link}")]
    public static partial void SetupLinkIssued(ILogger logger, string link);

    [LoggerMessage(3, LogLevel.Information, "First admin {Email} set up organisation {Organisation}")]
    public static partial void FirstAdminCreated(ILogger logger, string email, string organisation);

    [LoggerMessage(4, LogLevel.Information, "{Admin} invited {Email} to {Organisation} as {Role}")]
    public static partial void Invited(ILogger logger, string admin, string email, string organisation, Data.MembershipRole role);

    [LoggerMessage(16, LogLevel.Information, "{Admin} removed user {UserId} from {Organisation}, with their tokens and previews there")]
    public static partial void MemberRemoved(ILogger logger, string admin, string userId, string organisation);

    [LoggerMessage(5, LogLevel.Information, "{Email} joined {Organisation} as {Role}")]
    public static partial void Joined(ILogger logger, string email, string organisation, Data.MembershipRole role);

    [LoggerMessage(6, LogLevel.Warning, "Sign-in failed for {Email}: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string email, string reason);

    [LoggerMessage(7, LogLevel.Information, "{Email} {Decision} device code {UserCode}")]
    public static partial void DeviceDecided(ILogger logger, string email, string decision, string userCode);

    [LoggerMessage(8, LogLevel.Information, "{Kind} token {Prefix} issued to {UserId}")]
    public static partial void TokenIssued(ILogger logger, Data.ApiTokenKind kind, string prefix, string userId);

    [LoggerMessage(9, LogLevel.Information, "Token {Prefix} revoked")]
    public static partial void TokenRevoked(ILogger logger, string prefix);

    [LoggerMessage(10, LogLevel.Warning, "OIDC sign-in refused for {Email}: {Reason}")]
    public static partial void OidcRefused(ILogger logger, string email, string reason);

    [LoggerMessage(11, LogLevel.Information, "Rate limit hit by {Client} on {Path}")]
    public static partial void RateLimited(ILogger logger, string client, string path);

    [LoggerMessage(12, LogLevel.Information, "Hub administrator {Email} created organisation {Organisation}")]
    public static partial void OrganisationCreated(ILogger logger, string email, string organisation);

    [LoggerMessage(13, LogLevel.Warning, "Could not end expired previews: {Detail}")]
    public static partial void PreviewSweepFailed(ILogger logger, string detail);

    [LoggerMessage(14, LogLevel.Information, "{Email} made preview {Id} of {Workload}.{Namespace} ({Visibility})")]
    public static partial void PreviewCreated(ILogger logger, string email, string id, string workload, string @namespace, Data.PreviewVisibility visibility);

    [LoggerMessage(17, LogLevel.Warning, "Preview {Id}: not connecting to its ingress: {Reason}")]
    public static partial void PreviewIngressRefused(ILogger logger, string id, string reason);

    [LoggerMessage(15, LogLevel.Debug, "Preview {Id}: the ingress {Ingress} failed: {Error} {Detail}")]
    public static partial void PreviewIngressFailed(ILogger logger, string id, string ingress, Yarp.ReverseProxy.Forwarder.ForwarderError error, string detail);

    [LoggerMessage(45, LogLevel.Information, "{Email} now acts in organisation {OrganisationId}")]
    public static partial void OrganisationChosen(ILogger logger, string email, string organisationId);
}
