using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Accounts;
using Telepath.Hub.CliAuth;
using Telepath.Hub.Data;

namespace Telepath.Hub.Hosting;

/// <summary>
/// The account `telepath demo` signs in with, on a new hub of its own: made through the same set-up
/// as a first admin (so it is a real account with a real organisation), plus an API key for the CLI.
/// </summary>
public static class DemoAccount
{
    /// <returns>The API key's secret.</returns>
    /// <exception cref="InvalidOperationException">The hub already has accounts, or refused these.</exception>
    public static async Task<string> CreateAsync(IServiceProvider services, string email, string password, string organisation, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<FirstAdminSetup>();
        var token = await setup.IssueTokenIfNoUsersAsync(cancellationToken)
            ?? throw new InvalidOperationException("a demo account goes only on a hub without accounts");
        var (user, errors) = await setup.CompleteAsync(token, email, password, organisation);
        if (user is null)
        {
            throw new InvalidOperationException($"the demo account was refused: {string.Join("; ", errors)}");
        }

        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var organisationId = await db.Memberships.Where(m => m.UserId == user.Id).Select(m => m.OrganisationId).SingleAsync(cancellationToken);
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, organisationId, "telepath demo", ApiTokenKind.ApiKey);
        return secret;
    }
}
