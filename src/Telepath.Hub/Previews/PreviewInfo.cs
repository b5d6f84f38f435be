namespace Telepath.Hub.Previews;

/// <summary>A preview as the CLI and the daemon read it (Telepath.Core's `PreviewInfo`); visibility is "private" or "public".</summary>
public sealed record PreviewInfo(string Id, string InterceptId, string Url, string Visibility);
