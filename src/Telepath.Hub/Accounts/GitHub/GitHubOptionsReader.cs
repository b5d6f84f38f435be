using Microsoft.Extensions.Configuration;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>Reads `Hub:GitHub`; null (no GitHub sign-in) unless a client id and secret are set.</summary>
public static class GitHubOptionsReader
{
    public static GitHubOptions? Read(IConfigurationSection section)
    {
        var (clientId, clientSecret) = (section["ClientId"], section["ClientSecret"]);
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(clientSecret))
        {
            return null;
        }

        // A list in appsettings.json (`Organizations:0`, …), or one comma-separated value from `Hub__GitHub__Organizations`.
        var list = section.GetSection("Organizations");
        var entries = (list.Value is { } single ? single.Split(',') : list.GetChildren().Select(c => c.Value ?? ""))
            .Select(e => e.Trim())
            .Where(e => e.Length > 0)
            .ToArray();
        var all = entries.Contains("*");
        if (entries.Length == 0)
        {
            throw new InvalidOperationException("Hub:GitHub:Organizations must list the GitHub organisations the hub serves, or be * for all of a person's");
        }

        return new GitHubOptions(
            clientId,
            clientSecret,
            ReadUrl(section, "WebUrl", GitHubOptions.GitHubComWebUrl),
            ReadUrl(section, "ApiUrl", GitHubOptions.GitHubComApiUrl),
            all ? [] : entries,
            all);
    }

    private static Uri ReadUrl(IConfigurationSection section, string key, Uri fallback)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"Hub:GitHub:{key} must be an absolute http or https URL, not '{value}'");
    }
}
