using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Core.Sessions;
using Telepath.TrafficAgent.Sessions;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// Keeps a few volume standbys parked at the manager (docs/protocol.md, "Volumes"): a laptop cannot
/// dial the agent, so the agent offers tunnels ahead, and the manager answers one when a laptop asks
/// for a volume. Each one answered is replaced at once and served on its own.
/// </summary>
internal sealed class VolumeStandbyService(
    TunnelOpener tunnels,
    AgentSession session,
    AgentOptions options,
    VolumeServer server,
    ILogger<VolumeStandbyService> logger) : BackgroundService
{
    /// <summary>Parked at once: a laptop mounting several volumes takes them in a burst; replacements follow one round trip later.</summary>
    public const int Parked = 2;

    private readonly ConcurrentDictionary<Task, bool> _serving = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Volumes.Count == 0)
        {
            return;
        }

        if (!File.Exists(options.SftpServer))
        {
            Log.NoSftpServer(logger, options.SftpServer);
            return;
        }

        var available = server.Available();
        if (available.Count == 0)
        {
            Log.NoVolumeSources(logger, string.Join(", ", options.Volumes.Select(v => v.SourceDir)));
            return;
        }

        Log.ServingVolumes(logger, string.Join(", ", available.Select(v => v.MountPath)));
        await Task.WhenAll(Enumerable.Range(0, Parked).Select(_ => KeepOneAsync(stoppingToken))).ConfigureAwait(false);
        // Each session kills its sftp-server on the same token; waiting for them leaves no child behind.
        await Task.WhenAll(_serving.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task KeepOneAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var backoff = new Backoff();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Read each time: the agent arrives again (with a new secret) after the manager restarts.
            if (session.Secret is not { } secret)
            {
                await DelayAsync(backoff.Next(), stoppingToken).ConfigureAwait(false);
                continue;
            }

            var tunnel = tunnels.Open(TunnelWire.VolumeStandbyPath, [new(TunnelWire.SessionHeader, secret)]);
            TunnelAnswer answer;
            try
            {
                answer = await tunnel.AnswerAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await tunnel.DisposeAsync().ConfigureAwait(false);
                return;
            }

            if (answer.Established)
            {
                backoff.Reset();
                Track(server.ServeAsync(tunnel, answer, stoppingToken));
                continue;
            }

            await tunnel.DisposeAsync().ConfigureAwait(false);
            var delay = backoff.Next();
            Log.StandbyRefused(logger, answer.Refusal!.Value, answer.Message, delay);
            await DelayAsync(delay, stoppingToken).ConfigureAwait(false);
        }
    }

    private void Track(Task serving)
    {
        _serving[serving] = true;
        _ = serving.ContinueWith(done => _serving.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // Stopping ends the wait early; the loop then sees the token and returns.
    private static async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken) =>
        await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
