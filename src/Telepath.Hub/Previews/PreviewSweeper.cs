using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Telepath.Hub.Data;

namespace Telepath.Hub.Previews;

/// <summary>
/// Writes down the end of previews whose lease ran out (their laptop is gone). Queries already treat such
/// previews as ended; this only makes <see cref="Preview.EndedAt"/> say so, for whoever reads the table.
/// </summary>
public sealed class PreviewSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<PreviewSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // A database that is away for a moment must not stop the hub; the next round sweeps the same rows.
                Log.PreviewSweepFailed(logger, e.Message);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = time.GetUtcNow();
        var expired = now - PreviewLease.Duration;
        await db.Previews
            .Where(p => p.EndedAt == null && p.LastSeenAt <= expired)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.EndedAt, (DateTimeOffset?)now), cancellationToken);
    }
}
