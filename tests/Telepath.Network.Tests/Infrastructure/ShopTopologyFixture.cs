using Telepath.Network.Testing.Workloads;

namespace Telepath.Network.Tests.Infrastructure;

/// <summary>A topology whose cluster runs the shop workloads, with their addresses once they serve.</summary>
public class ShopTopologyFixture : ClusterTopologyFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public string OrdersPodIp { get; private set; } = "";

    public string OrdersClusterIp { get; private set; } = "";

    public string DbPodIp { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Cluster is null)
        {
            return;
        }

        await ShopWorkloads.CreateAsync(Cluster.Client);
        string? orders = null, db = null;
        await Poll.UntilAsync(
            async () => (orders = await ShopWorkloads.PodIpAsync(Cluster.Client, "orders")) is not null
                && (db = await ShopWorkloads.PodIpAsync(Cluster.Client, "db")) is not null,
            () => $"the orders and db pods run (orders: {orders}, db: {db})\n{Cluster.HostOutput}");
        OrdersPodIp = orders!;
        DbPodIp = db!;
        OrdersClusterIp = await ShopWorkloads.ClusterIpAsync(Cluster.Client, "orders");

        // Served, and the kube-proxy's rule is in: the ClusterIP answers inside the cluster.
        await Poll.UntilAsync(
            async () => (await InClusterAsync("curl", "-sS", "--max-time", "5", $"http://{OrdersClusterIp}/")).ExitCode == 0,
            () => $"orders answers on its ClusterIP in the cluster namespace\n{Cluster.HostOutput}");
    }

    public Task<ProcessResult> InClusterAsync(params string[] arguments) => NetworkTopology.ExecAsync(Topology.Names.Cluster, arguments);

    public Task<ProcessResult> OnLaptopAsync(params string[] arguments) => NetworkTopology.ExecAsync(Topology.Names.Laptop, arguments);
}
