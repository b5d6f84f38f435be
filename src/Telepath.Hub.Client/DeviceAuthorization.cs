using System.Text.Json.Serialization;

namespace Telepath.Hub.Client;

/// <summary>The hub's answer to a device authorization request (RFC 8628, section 3.2).</summary>
public sealed record DeviceAuthorization(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int? Interval);
