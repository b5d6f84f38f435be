using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Telepath.TrafficManager.Sessions;

/// <summary>Ends sessions that stopped renewing their lease: a vanished laptop keeps no intercept for long.</summary>
public sealed class LeaseSweeper(SessionRegistry sessions, ManagerOptions options, TimeProvider time, ILogger<LeaseSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var session in sessions.Expire(options.Lease))
            {
                Log.LeaseExpired(logger, session.Kind, session.Name, session.Id);
            }
        }
    }
}
