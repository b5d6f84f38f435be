namespace Telepath.Hub.Accounts.GitHub;

/// <summary>`Hub:GitHub`: the OAuth app people sign in with, and which GitHub organisations the hub serves.</summary>
/// <param name="WebUrl">Where people authorize the app: https://github.com, or a GitHub Enterprise Server's address.</param>
/// <param name="ApiUrl">The REST API: https://api.github.com, or `https://HOST/api/v3` on GitHub Enterprise Server.</param>
/// <param name="Organizations">GitHub organisation logins the hub serves; empty with <paramref name="AllOrganizations"/> set means every one a person belongs to.</param>
/// <param name="RecheckInterval">How old a person's GitHub memberships may be before a request checks them again.</param>
public sealed record GitHubOptions(
    string ClientId,
    string ClientSecret,
    Uri WebUrl,
    Uri ApiUrl,
    IReadOnlyList<string> Organizations,
    bool AllOrganizations = false,
    TimeSpan? RecheckInterval = null)
{
    public static readonly Uri GitHubComWebUrl = new("https://github.com");
    public static readonly Uri GitHubComApiUrl = new("https://api.github.com");

    public TimeSpan EffectiveRecheckInterval => RecheckInterval ?? TimeSpan.FromMinutes(10);

    /// <summary>Whether the hub serves the GitHub organisation with this login (GitHub logins ignore case).</summary>
    public bool Serves(string organizationLogin) =>
        AllOrganizations || Organizations.Contains(organizationLogin, StringComparer.OrdinalIgnoreCase);

    /// <summary>A URL under <paramref name="baseUrl"/>, keeping its path (GitHub Enterprise Server's API lives under `/api/v3`).</summary>
    public static Uri Under(Uri baseUrl, string relative) => new(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), relative);
}
