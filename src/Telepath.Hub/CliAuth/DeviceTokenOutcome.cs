namespace Telepath.Hub.CliAuth;

/// <summary>What a poll of the token endpoint gets: an access token once, else one of RFC 8628's (and RFC 6749's) error codes.</summary>
public sealed record DeviceTokenOutcome(string? AccessToken, string? Error)
{
    public static DeviceTokenOutcome Issued(string accessToken) => new(accessToken, null);

    public static DeviceTokenOutcome Failed(string error) => new(null, error);

    public static readonly DeviceTokenOutcome Pending = Failed("authorization_pending");
    public static readonly DeviceTokenOutcome SlowDown = Failed("slow_down");
    public static readonly DeviceTokenOutcome Denied = Failed("access_denied");
    public static readonly DeviceTokenOutcome Expired = Failed("expired_token");
    public static readonly DeviceTokenOutcome InvalidGrant = Failed("invalid_grant");
}
