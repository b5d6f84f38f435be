namespace Telepath.Hub.Accounts.GitHub;

/// <summary>GitHub's pagination: `Link: &lt;https://…&amp;page=2&gt;; rel="next", &lt;…&gt;; rel="last"`.</summary>
public static class GitHubLinkHeader
{
    public static Uri? Next(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2
                && parts[1..].Any(p => p.Replace(" ", "") == "rel=\"next\"")
                && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && Uri.TryCreate(parts[0][1..^1], UriKind.Absolute, out var next))
            {
                return next;
            }
        }

        return null;
    }
}
