namespace Telepath.Hub.Previews.Proxy;

/// <summary>A member's admission to one private preview, until <see cref="ExpiresAt"/>: the hand-off ticket's and the cookie's content.</summary>
public sealed record PreviewPass(string UserId, string PreviewId, DateTimeOffset ExpiresAt);
