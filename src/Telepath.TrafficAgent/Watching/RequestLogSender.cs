using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Core.Sessions;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Sessions;

namespace Telepath.TrafficAgent.Watching;

/// <summary>
/// Sends the <see cref="RequestLog"/> to the manager: whatever is queued, up to <see cref="MaxBatch"/>
/// events a message, on one ReportRequests stream per agent session, opened again (with backoff) after
/// a failure. Events queued while the agent has no session are dropped and counted.
/// </summary>
internal sealed class RequestLogSender(
    Manager.ManagerClient manager,
    AgentSession session,
    RequestLog log,
    ILogger<RequestLogSender> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendAsync(backoff, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                Log.ReportsUnsupported(logger);
                await DiscardAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
            {
                Log.ReportFailed(logger, e.Message);
            }

            await Task.Delay(backoff.Next(), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Returns when the agent stops; throws when the stream fails.</summary>
    private async Task SendAsync(Backoff backoff, CancellationToken stoppingToken)
    {
        while (await log.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            var secret = session.Secret;
            if (secret is null)
            {
                log.CountDropped(Drain().Events.Count);
                continue;
            }

            using var call = manager.ReportRequests(cancellationToken: stoppingToken);
            var batch = Drain();
            batch.SessionSecret = secret;
            await call.RequestStream.WriteAsync(batch, stoppingToken).ConfigureAwait(false);
            backoff.Reset();
            while (session.Secret == secret && await log.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await call.RequestStream.WriteAsync(Drain(), stoppingToken).ConfigureAwait(false);
            }

            // A new session (the manager restarted, or the agent arrived again): its stream must name it.
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
    }

    private RequestEventBatch Drain()
    {
        var batch = new RequestEventBatch();
        while (batch.Events.Count < MaxBatch && log.Reader.TryRead(out var request))
        {
            batch.Events.Add(request);
        }

        batch.Dropped = log.TakeDropped();
        return batch;
    }

    private async Task DiscardAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                Drain();
            }
        }
        catch (OperationCanceledException)
        {
            // The agent stops.
        }
    }
}
