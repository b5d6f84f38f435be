using k8s;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// One API client for the manager's point lookups (token reviews, an agent's pod, a workload's claim),
/// made on first use: in direct mode there is no cluster and nothing asks for it.
/// </summary>
public sealed class ClusterClient(ManagerOptions options) : IDisposable
{
    private readonly Lazy<IKubernetes> _client = new(() => new Kubernetes(options.Cluster.Configuration()));

    public IKubernetes Api => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
