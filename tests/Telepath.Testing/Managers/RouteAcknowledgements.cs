using Grpc.Core;
using Telepath.Protocol.Manager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Testing.Managers;

/// <summary>
/// A stand-in agent's part of the protocol that makes intercepts ACTIVE: after every snapshot of its
/// workload's intercepts it reports them all as applied, as a real agent does once it routes by them.
/// </summary>
public static class RouteAcknowledgements
{
    /// <summary>Runs until cancelled, or until the manager ends the watch or goes away.</summary>
    public static async Task RunAsync(ProtocolManager.ManagerClient manager, string agentSessionSecret, CancellationToken cancellationToken)
    {
        try
        {
            using var watch = manager.WatchIntercepts(new SessionRef { SessionSecret = agentSessionSecret }, cancellationToken: cancellationToken);
            await foreach (var snapshot in watch.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var report = new RoutesReport { SessionSecret = agentSessionSecret };
                report.InterceptIds.AddRange(snapshot.Intercepts.Select(intercept => intercept.Id));
                await manager.ReportRoutesAsync(report, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped, or the manager stopped: nothing left to acknowledge.
        }
    }
}
