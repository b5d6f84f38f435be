using System.Net;
using Telepath.Daemon.Outbound.Dns;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Outbound.ClusterNetwork;

/// <summary>The DNS server's fallback for names the manager's view lacks: the manager's own lookup, inside the cluster.</summary>
internal sealed class ClusterLookup(ManagerSession session) : IClusterLookup
{
    /// <returns>The addresses; empty when the name does not exist there.</returns>
    /// <exception cref="Grpc.Core.RpcException">The manager is out of reach.</exception>
    public async Task<IPAddress[]?> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await session.Manager.ResolveAsync(new ResolveRequest { SessionSecret = session.Secret, Name = name }, deadline: session.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. reply.Addresses.Select(a => IPAddress.TryParse(a, out var address) ? address : null).OfType<IPAddress>()];
    }
}
