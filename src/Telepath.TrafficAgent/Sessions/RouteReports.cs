using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Routing;

namespace Telepath.TrafficAgent.Sessions;

/// <summary>
/// Tells the manager, for one session, which intercepts the agent routes by once it has applied them:
/// the manager shows an intercept ACTIVE only when every agent of the workload has said so. Snapshots
/// repeat (another agent's report, a new agent), so an unchanged set is not sent again.
/// </summary>
internal sealed class RouteReports(Manager.ManagerClient manager, string sessionSecret, ILogger logger)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private HashSet<string>? _reported;
    private bool _unsupported;

    /// <exception cref="RpcException">The report failed: the session is in doubt, as when the watch breaks.</exception>
    public async Task ReportAsync(RouteSnapshot applied, CancellationToken cancellationToken)
    {
        var ids = applied.Routes.Select(route => route.Id).ToHashSet(StringComparer.Ordinal);
        if (_unsupported || (_reported is not null && _reported.SetEquals(ids)))
        {
            return;
        }

        try
        {
            await manager.ReportRoutesAsync(
                new RoutesReport { SessionSecret = sessionSecret, InterceptIds = { ids } },
                deadline: DateTime.UtcNow + CallTimeout,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            _reported = ids;
            Log.RoutesReported(logger, ids.Count);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            // A manager older than this agent: it cannot hear reports, so routing goes on without them
            // rather than ending a session that works.
            _unsupported = true;
            Log.RouteReportsUnsupported(logger);
        }
    }
}
