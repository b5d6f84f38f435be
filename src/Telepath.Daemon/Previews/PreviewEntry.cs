namespace Telepath.Daemon.Previews;

/// <summary>A preview URL this laptop made at the hub for one of its intercepts.</summary>
public sealed record PreviewEntry(string InterceptName, string InterceptId, string PreviewId, string Url, Uri Hub);
