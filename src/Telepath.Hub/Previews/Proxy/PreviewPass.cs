namespace Telepath.Hub.Previews.Proxy;

/// <summary>A member's admission to one private preview, until <see cref="ExpiresAt"/>: the hand-off ticket's and the cookie's content.</summary>
/// <param name="Nonce">Random per pass, so that a spent ticket can be told apart from every other.</param>
public sealed record PreviewPass(string UserId, string PreviewId, DateTimeOffset ExpiresAt, string Nonce);
