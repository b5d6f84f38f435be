using System.Text.Json.Serialization;

namespace Telepath.Hub.Client;

/// <summary>Who a token signs in as, from <c>GET /api/cli/me</c>.</summary>
public sealed record HubIdentity(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("organisation")] string Organisation,
    [property: JsonPropertyName("token_kind")] string? TokenKind);
