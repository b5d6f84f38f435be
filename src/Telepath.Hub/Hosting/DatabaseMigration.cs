using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Hub.Data;

namespace Telepath.Hub.Hosting;

/// <summary>Creates or upgrades the schema before Kestrel takes requests (hosted services start before the server).</summary>
internal sealed class DatabaseMigration(IServiceScopeFactory scopes, ILogger<DatabaseMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            Log.Migrating(logger, db.Database.ProviderName ?? "?", string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
