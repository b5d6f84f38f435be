using Telepath.Bench.Processes;
using Telepath.Network.Testing.Cluster;
using Telepath.Network.Testing.Topology;
using Telepath.Network.Testing.Workloads;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

using Executables = Telepath.Bench.Processes.Executables;

namespace Telepath.Bench.Outbound;

/// <summary>
/// The network tests' topology (laptop / API server / cluster namespaces, no route from the laptop
/// to the cluster), its cluster running the shop workloads, and the laptop's own DNS server (the
/// network tests' python answerer for www.example.test). Disposing deletes it all.
/// </summary>
internal sealed class ShopNetwork : IAsyncDisposable
{
    public const string ClusterName = "orders.shop";
    public const string LaptopName = "www.example.test";
    public const string LaptopNameAddress = "192.0.2.7";

    private readonly NetworkTopology _topology;
    private TopologyCluster? _cluster;
    private ChildProcess? _resolver;

    private ShopNetwork(NetworkTopology topology) => _topology = topology;

    public string LaptopNamespace => _topology.Names.Laptop;

    public string ClusterNamespace => _topology.Names.Cluster;

    public string LaptopKubeconfig => _cluster!.LaptopKubeconfig;

    public string OrdersClusterIp { get; private set; } = "";

    public NetworkTopology Topology => _topology;

    public static async Task<ShopNetwork> StartAsync(CancellationToken cancellationToken)
    {
        var network = new ShopNetwork(await NetworkTopology.CreateAsync(cancellationToken));
        try
        {
            await network.StartInsideAsync(cancellationToken);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_resolver is not null)
        {
            await _resolver.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _topology.DisposeAsync();
    }

    private async Task StartInsideAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(Executables.Repository, "tests", "Telepath.Network.Tests", "Assets", "dns_upstream.py");
        _resolver = NetworkTopology.Start(LaptopNamespace, "laptop resolver", ["/usr/bin/python3", script, _topology.LaptopAddress.ToString(), "53"]);
        await _resolver.WaitForLineAsync(new System.Text.RegularExpressions.Regex("^ready$"), TimeSpan.FromSeconds(20), cancellationToken);

        _cluster = await TopologyCluster.StartAsync(_topology, cancellationToken);
        await ShopWorkloads.CreateAsync(_cluster.Client, cancellationToken);
        OrdersClusterIp = await ShopWorkloads.ClusterIpAsync(_cluster.Client, "orders", cancellationToken);

        // The pod serves and the kube-proxy's rule is in: the ClusterIP answers inside the cluster.
        await Poll.UntilAsync(
            async () => (await NetworkTopology.ExecAsync(ClusterNamespace, ["curl", "-sS", "--max-time", "5", $"http://{OrdersClusterIp}/"], cancellationToken: cancellationToken)).ExitCode == 0,
            () => $"orders answers on its ClusterIP {OrdersClusterIp} in the cluster namespace\n{_cluster.HostOutput}");
    }
}
