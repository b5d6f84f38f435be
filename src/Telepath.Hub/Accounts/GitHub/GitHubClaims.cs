namespace Telepath.Hub.Accounts.GitHub;

/// <summary>Claims the GitHub handler adds to the external sign-in, beside the name identifier (GitHub's numeric user id).</summary>
public static class GitHubClaims
{
    public const string Login = "urn:github:login";

    /// <summary>One per verified email, the primary one first; GitHub's unverified addresses are never used.</summary>
    public const string VerifiedEmail = "urn:github:verified_email";
}
