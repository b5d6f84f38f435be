using System.Text.Json.Serialization;

namespace Telepath.Hub.Client;

/// <summary>A preview as the hub returns it from <c>POST /api/previews</c> and <c>GET /api/previews/mine</c>.</summary>
public sealed record PreviewInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("intercept_id")] string InterceptId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("visibility")] string Visibility);
