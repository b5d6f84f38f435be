namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>A token as TokenRequest answers it, with the spec as the server completed it (audiences defaulted).</summary>
public sealed record IssuedToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpirationTimestamp, TokenRequestSpec Spec);
