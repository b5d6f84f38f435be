using System.Net;
using Telepath.Daemon.Outbound.Dns;
using Telepath.Daemon.Sessions;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>The DNS server's fallback for names the manager's view lacks: the manager's own lookup, inside the cluster.</summary>
internal sealed class ClusterLookup(ManagerConnection connection) : IClusterLookup
{
    public async Task<IPAddress[]?> ResolveAsync(string name, CancellationToken cancellationToken) =>
        await connection.ResolveInClusterAsync(name, cancellationToken).ConfigureAwait(false);
}
