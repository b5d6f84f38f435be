namespace Telepath.Hub.Data;

/// <summary>
/// What the hub keeps of a person who signed in with GitHub, to re-check their organisations without them: the
/// OAuth token (protected with Data Protection, whose keys live in this database, so it outlives a restart and is
/// shared by replicas) and when their memberships were last checked.
/// </summary>
public sealed class GitHubAccount
{
    public required string UserId { get; set; }

    public HubUser? User { get; set; }

    /// <summary>GitHub's numeric user id: a login can be renamed, the id cannot.</summary>
    public long GitHubUserId { get; set; }

    public required string Login { get; set; }

    public required string ProtectedAccessToken { get; set; }

    public DateTimeOffset MembershipsCheckedAt { get; set; }
}
