using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Hub.Client;

namespace Telepath.Daemon.Previews;

/// <summary>
/// Asks the hub every two seconds, while this laptop has previews, which are still active; an
/// intercept whose preview was deleted on the dashboard is left here too, so that it ends on the
/// laptop within seconds. The same call keeps the hub's lease on this laptop's previews.
/// </summary>
public sealed class PreviewWatcher(PreviewBook book, DaemonState state, ILogger<PreviewWatcher> logger, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private HubClient? _client;
    private Uri? _clientHub;
    private string? _clientToken;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var group in book.Entries.GroupBy(e => e.Hub))
            {
                try
                {
                    await CheckAsync(group.Key, group.ToList(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is UserErrorException or RpcException)
                {
                    // A broken credentials file or a manager that is away: the next round tries again.
                    Log.PreviewPollFailed(logger, e.Message);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await book.EndAllAsync().ConfigureAwait(false);
        _client?.Dispose();
    }

    // One client (one pooled connection) for the polls of a login, not a new connection and TLS
    // handshake every two seconds; a new login or another hub gets a new one. Only the loop calls this.
    private HubClient ClientFor(Uri hub, string token)
    {
        if (_client is null || _clientHub != hub || _clientToken != token)
        {
            _client?.Dispose();
            _client = new HubClient(hub, token);
            (_clientHub, _clientToken) = (hub, token);
        }

        return _client;
    }

    private async Task CheckAsync(Uri hub, IReadOnlyList<PreviewEntry> entries, CancellationToken cancellationToken)
    {
        var credentials = HubCredentials.Load(HubCredentials.DefaultPath);
        if (credentials is null || HubClient.ParseHubUrl(credentials.Hub) != hub)
        {
            return;
        }

        IReadOnlyList<PreviewInfo> active;
        try
        {
            active = await ClientFor(hub, credentials.Token).ListMyPreviewsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException e)
        {
            Log.PreviewPollFailed(logger, e.Message);
            return;
        }

        var ids = active.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in entries.Where(e => !ids.Contains(e.PreviewId)))
        {
            if (!book.Forget(gone))
            {
                continue; // left meanwhile
            }

            Log.PreviewDeletedAtHub(logger, gone.Url, gone.InterceptName);
            try
            {
                if (state.Connection is { } connection)
                {
                    await connection.Intercepts.LeaveAsync(gone.InterceptName, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Left by the user at the same moment.
            }
        }
    }
}
