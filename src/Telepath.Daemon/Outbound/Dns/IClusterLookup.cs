using System.Net;

namespace Telepath.Daemon.Outbound.Dns;

/// <summary>Asks the cluster about a name its view does not hold (the manager's <c>Resolve</c>).</summary>
public interface IClusterLookup
{
    /// <param name="name">A fully qualified cluster name, lower case, no trailing dot.</param>
    /// <returns>The name's addresses; null or empty when the cluster has no such name.</returns>
    /// <exception cref="Exception">The cluster could not be asked; the client gets SERVFAIL and nothing is cached.</exception>
    Task<IPAddress[]?> ResolveAsync(string name, CancellationToken cancellationToken);
}
