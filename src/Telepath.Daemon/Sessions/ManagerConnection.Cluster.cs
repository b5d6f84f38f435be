using System.Net;
using Grpc.Core;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Sessions;

public sealed partial class ManagerConnection
{
    /// <summary>
    /// Follows the manager's view of the cluster into <see cref="View"/>. A manager older than the
    /// call has no view to give: that is an answer (no view), not a broken session.
    /// </summary>
    private async Task WatchClusterAsync(SessionRef session, CancellationToken cancellationToken)
    {
        try
        {
            using var call = _manager.WatchCluster(session, cancellationToken: cancellationToken);
            await foreach (var info in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                View.Set(info);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            View.Set(new ClusterInfo { HasView = false });
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Looks a name up with the manager's resolver, inside the cluster.</summary>
    /// <returns>The addresses; empty when the name does not exist there.</returns>
    /// <exception cref="RpcException">The manager is out of reach.</exception>
    public async Task<IPAddress[]> ResolveInClusterAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await _manager.ResolveAsync(new ResolveRequest { SessionSecret = SessionSecret, Name = name }, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. reply.Addresses.Select(a => IPAddress.TryParse(a, out var address) ? address : null).OfType<IPAddress>()];
    }
}
