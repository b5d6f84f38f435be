namespace Telepath.Hub.Client;

/// <summary>One poll of the token endpoint: a token, or the RFC 8628 error code that says what to do next.</summary>
public sealed record DevicePoll(string? AccessToken, string? Error)
{
    public bool IsPending => Error is "authorization_pending";

    public bool SlowDown => Error is "slow_down";
}
