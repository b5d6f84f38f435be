namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>A TokenRequest's <c>spec.boundObjectRef</c>: the object whose deletion revokes the token.</summary>
public sealed record BoundObjectRef(string Kind, string ApiVersion, string Name, string? Uid);

/// <summary>A TokenRequest's spec: what the token is for, how long it lasts, what it is bound to.</summary>
public sealed record TokenRequestSpec(IReadOnlyList<string> Audiences, long ExpirationSeconds, BoundObjectRef? BoundObject)
{
    /// <summary>What a TokenRequest without <c>expirationSeconds</c> gets (the API's defaulting).</summary>
    public const long DefaultExpirationSeconds = 3600;
}
