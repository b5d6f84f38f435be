using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts.GitHub;

public sealed record GitHubUser(long Id, string Login, string? Name, string? Email);

public sealed record GitHubEmail(string Email, bool Primary, bool Verified, string? Visibility);

public sealed record GitHubOrganizationRef(long Id, string Login);

/// <summary>How a call to GitHub ended: <see cref="Unauthorized"/> means the token is no good any more; <see cref="Unavailable"/> that GitHub could not say.</summary>
public enum GitHubOutcome
{
    Ok,
    Unauthorized,
    Unavailable,
}

public sealed record GitHubAnswer<T>(GitHubOutcome Outcome, T? Value = default)
    where T : class;

/// <summary>The few REST calls the hub makes, with the person's own token, against `Hub:GitHub:ApiUrl`.</summary>
public sealed class GitHubApi(HttpClient http, HubOptions hub)
{
    // GitHub's documented JSON is snake_case; the page size is its maximum, so most people need one request.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private const int PageSize = 100;

    public Task<GitHubAnswer<GitHubUser>> GetUserAsync(string token, CancellationToken cancellation) =>
        GetAsync<GitHubUser>(Url("user"), token, cancellation);

    public Task<GitHubAnswer<List<GitHubEmail>>> GetEmailsAsync(string token, CancellationToken cancellation) =>
        GetPagesAsync<GitHubEmail>(Url($"user/emails?per_page={PageSize}"), token, cancellation);

    /// <summary>The organisations the person belongs to that this OAuth app may see (scope `read:org`).</summary>
    public Task<GitHubAnswer<List<GitHubOrganizationRef>>> GetOrganizationsAsync(string token, CancellationToken cancellation) =>
        GetPagesAsync<GitHubOrganizationRef>(Url($"user/orgs?per_page={PageSize}"), token, cancellation);

    private Uri Url(string relative) => GitHubOptions.Under(hub.GitHub?.ApiUrl ?? GitHubOptions.GitHubComApiUrl, relative);

    private async Task<GitHubAnswer<List<T>>> GetPagesAsync<T>(Uri first, string token, CancellationToken cancellation)
    {
        var all = new List<T>();
        for (Uri? next = first; next is not null;)
        {
            using var response = await SendAsync(next, token, cancellation);
            if (OutcomeOf(response) is var outcome && outcome != GitHubOutcome.Ok)
            {
                return new(outcome);
            }

            all.AddRange(await response!.Content.ReadFromJsonAsync<List<T>>(Json, cancellation) ?? []);
            next = GitHubLinkHeader.Next(response);
        }

        return new(GitHubOutcome.Ok, all);
    }

    private async Task<GitHubAnswer<T>> GetAsync<T>(Uri url, string token, CancellationToken cancellation)
        where T : class
    {
        using var response = await SendAsync(url, token, cancellation);
        if (OutcomeOf(response) is var outcome && outcome != GitHubOutcome.Ok)
        {
            return new(outcome);
        }

        return new(GitHubOutcome.Ok, await response!.Content.ReadFromJsonAsync<T>(Json, cancellation));
    }

    // Null when GitHub could not be reached: that says nothing about the person's memberships.
    private async Task<HttpResponseMessage?> SendAsync(Uri url, string token, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        // GitHub refuses requests without a User-Agent.
        request.Headers.UserAgent.ParseAdd("telepath-hub");
        try
        {
            return await http.SendAsync(request, cancellation);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    // 401 is GitHub's answer to a revoked or expired token; a 403 is a rate limit or an outage of a kind, not a verdict.
    private static GitHubOutcome OutcomeOf(HttpResponseMessage? response) => response?.StatusCode switch
    {
        HttpStatusCode.OK => GitHubOutcome.Ok,
        HttpStatusCode.Unauthorized => GitHubOutcome.Unauthorized,
        _ => GitHubOutcome.Unavailable,
    };
}
