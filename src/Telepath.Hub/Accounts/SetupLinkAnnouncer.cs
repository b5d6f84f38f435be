using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Hub.Hosting;

namespace Telepath.Hub.Accounts;

/// <summary>On a start with no users, prints the set-up link once Kestrel is bound (so a port 0 hub prints its real port).</summary>
internal sealed class SetupLinkAnnouncer(IServiceScopeFactory scopes, PublicBaseUrl publicUrl, HubConsole console, ILogger<SetupLinkAnnouncer> logger)
    : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<FirstAdminSetup>().IssueTokenIfNoUsersAsync(cancellationToken);
        if (token is null)
        {
            return;
        }

        var link = $"{publicUrl.Get()}/setup?token={token}";
        console.WriteLine($"Set up the first admin account: {link}");
        Log.SetupLinkIssued(logger, link);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
