using System.Net;

namespace Telepath.Network.ClusterHost.Hosting;

/// <param name="ClusterNamespace">The network namespace the pods run in.</param>
/// <param name="LaptopSide">This namespace's address on the laptop's link: the laptop's kubeconfig names it.</param>
/// <param name="ClusterSide">This namespace's address on the cluster's link: the manager's kubeconfig names it.</param>
/// <param name="Directory">Where the kubeconfigs, the admin socket, tokens and container logs go.</param>
internal sealed record HostOptions(string ClusterNamespace, string LaptopSide, string ClusterSide, string Directory)
{
    public IPAddress LaptopSideAddress => IPAddress.Parse(LaptopSide);

    public IPAddress ClusterSideAddress => IPAddress.Parse(ClusterSide);
}
