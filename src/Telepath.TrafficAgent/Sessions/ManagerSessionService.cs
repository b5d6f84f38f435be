using Telepath.Core.Sessions;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Volumes;

namespace Telepath.TrafficAgent.Sessions;

/// <summary>
/// Keeps the agent's session with the manager: arrive, watch this workload's intercepts, report the
/// routes applied, remain. Whatever goes wrong, the agent routes everything to the app (fail open) and
/// arrives again with backoff; a manager restart shows up as NotFound on Remain or as the watch ending.
/// </summary>
internal sealed class ManagerSessionService(
    Manager.ManagerClient manager,
    AgentOptions options,
    AgentSession session,
    RouteTable routes,
    RouteCompiler compiler,
    VolumeServer volumes,
    ILogger<ManagerSessionService> logger) : BackgroundService
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DepartTimeout = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff();
        var reportNextLoss = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var end = await RunSessionAsync(backoff, stoppingToken).ConfigureAwait(false);
            routes.Clear();
            session.Lost();
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (reportNextLoss || end.HadArrived)
            {
                Log.ManagerLost(logger, options.ManagerAddress, end.Reason);
            }
            else
            {
                Log.ManagerStillUnreachable(logger, options.ManagerAddress, end.Reason);
            }

            reportNextLoss = false;
            try
            {
                await Task.Delay(backoff.Next(), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<SessionEnd> RunSessionAsync(Backoff backoff, CancellationToken stoppingToken)
    {
        SessionInfo info;
        try
        {
            info = await manager.ArriveAsAgentAsync(Arrival(), deadline: DateTime.UtcNow + CallTimeout, cancellationToken: stoppingToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            return new SessionEnd(false, Describe(e));
        }

        session.Arrived(info.SessionSecret);
        Log.Arrived(logger, options.ManagerAddress, info.SessionId, info.ManagerVersion);

        using var sessionScope = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watch = WatchAsync(info.SessionSecret, backoff, sessionScope.Token);
        var remain = RemainAsync(info.SessionSecret, RemainInterval(info.LeaseSeconds), sessionScope.Token);
        var first = await Task.WhenAny(watch, remain).ConfigureAwait(false);
        await sessionScope.CancelAsync().ConfigureAwait(false);
        var reason = await first.ConfigureAwait(false);
        await Task.WhenAll(watch, remain).ConfigureAwait(false);

        if (stoppingToken.IsCancellationRequested)
        {
            await DepartAsync(info.SessionSecret, info.SessionId).ConfigureAwait(false);
        }

        return new SessionEnd(true, reason);
    }

    private async Task<string> WatchAsync(string sessionSecret, Backoff backoff, CancellationToken cancellationToken)
    {
        try
        {
            using var call = manager.WatchIntercepts(new SessionRef { SessionSecret = sessionSecret }, cancellationToken: cancellationToken);
            var reports = new RouteReports(manager, sessionSecret, logger);
            await foreach (var snapshot in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var applied = compiler.Compile(snapshot);
                routes.Update(applied);
                // Only a session that delivers routes counts as recovered; an arrival alone may fail again at once.
                backoff.Reset();
                // After the update, never before: the manager calls an intercept ACTIVE on this word.
                await reports.ReportAsync(applied, cancellationToken).ConfigureAwait(false);
            }

            return "the manager ended the intercept watch";
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            return Describe(e);
        }
    }

    private async Task<string> RemainAsync(string sessionSecret, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await manager.RemainAsync(new SessionRef { SessionSecret = sessionSecret }, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return "stopped";
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            return Describe(e);
        }
    }

    private async Task DepartAsync(string sessionSecret, string sessionId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(DepartTimeout);
            await manager.DepartAsync(new SessionRef { SessionSecret = sessionSecret }, cancellationToken: timeout.Token).ConfigureAwait(false);
            Log.Departed(logger, sessionId);
        }
        catch (RpcException e)
        {
            Log.DepartFailed(logger, Describe(e));
        }
    }

    private AgentArrival Arrival() => new()
    {
        Workload = options.Workload,
        Namespace = options.Namespace,
        WorkloadKind = options.WorkloadKind,
        PodName = options.PodName,
        Version = TelepathVersion.Current,
        Environment = { AppEnvironment.Read() },
        Volumes = volumes.Served,
    };

    /// <summary>A third of the lease, at most 5 s, so two Remains can be lost before the lease runs out.</summary>
    private static TimeSpan RemainInterval(int leaseSeconds) =>
        leaseSeconds > 0 ? TimeSpan.FromSeconds(Math.Min(5.0, leaseSeconds / 3.0)) : TimeSpan.FromSeconds(5);

    private static string Describe(Exception e) => e switch
    {
        RpcException { StatusCode: StatusCode.NotFound } => "the manager does not know this session (it restarted?)",
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        OperationCanceledException => "cancelled",
        _ => e.Message,
    };

    private readonly record struct SessionEnd(bool HadArrived, string Reason);
}
