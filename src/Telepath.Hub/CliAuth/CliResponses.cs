namespace Telepath.Hub.CliAuth;

/// <summary>RFC 8628 §3.2 (serialised in snake_case, as all of the hub's JSON).</summary>
public sealed record DeviceAuthorizationResponse(
    string DeviceCode,
    string UserCode,
    string VerificationUri,
    string VerificationUriComplete,
    int ExpiresIn,
    int Interval);

/// <summary>RFC 6749 §5.1.</summary>
public sealed record AccessTokenResponse(string AccessToken, string TokenType);

/// <param name="TokenKind">`CliLogin` or `ApiKey`; null for a browser session.</param>
public sealed record MeResponse(string Email, string Organisation, Guid OrganisationId, string Role, string? TokenKind);
