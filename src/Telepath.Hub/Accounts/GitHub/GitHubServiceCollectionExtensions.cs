using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Telepath.Hub.Accounts.GitHub;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// GitHub admission and the membership re-check. Registered whether or not `Hub:GitHub` is set: without it the
    /// re-check answers at once that GitHub-backed memberships do not count, so a hub that drops GitHub fails closed.
    /// </summary>
    public static IServiceCollection AddHubGitHubAccounts(this IServiceCollection services)
    {
        services.AddHttpClient<GitHubApi>();
        services.TryAddSingleton<GitHubAccessTokens>();
        services.TryAddSingleton<GitHubRecheckGate>();
        services.TryAddScoped<GitHubMemberships>();
        services.TryAddScoped<GitHubMembershipCheck>();
        services.TryAddScoped<GitHubAdmission>();
        return services;
    }
}
