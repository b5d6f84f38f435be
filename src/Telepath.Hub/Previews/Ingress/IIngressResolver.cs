using System.Net;

namespace Telepath.Hub.Previews.Ingress;

/// <summary>Looks an ingress name up; a seam because no test can make a real DNS server change its answer (rebind).</summary>
public interface IIngressResolver
{
    /// <exception cref="System.Net.Sockets.SocketException">The name does not resolve.</exception>
    Task<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The machine's resolver: in a cluster, the cluster's DNS, which answers Service names.</summary>
public sealed class SystemIngressResolver : IIngressResolver
{
    public Task<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(name, cancellationToken);
}
