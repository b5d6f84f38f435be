namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>What TokenReview's <c>status</c> says of a token: who it is, for which of the asked audiences, or why not.</summary>
internal sealed record TokenReviewResult(bool Authenticated, ServiceAccountUser? User, IReadOnlyList<string> Audiences, string? Error)
{
    /// <summary>What the authenticator chain says when no authenticator recognises the token.</summary>
    public const string InvalidBearerToken = "invalid bearer token";

    public static TokenReviewResult Unrecognised { get; } = new(false, null, [], InvalidBearerToken);

    /// <summary>
    /// A token the service account authenticator recognised and refused: the chain's aggregate error,
    /// deduplicated and flattened as apimachinery's <c>utilerrors.Aggregate</c> prints it.
    /// </summary>
    public static TokenReviewResult Refused(string why) => new(false, null, [], $"[{InvalidBearerToken}, {why}]");
}
