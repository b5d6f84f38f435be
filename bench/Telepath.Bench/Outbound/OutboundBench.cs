using Telepath.Bench.Load;
using Telepath.Bench.Report;
using Telepath.Network.Testing.Laptop;
using Telepath.Network.Testing.Workloads;
using Telepath.Testing.Polling;

namespace Telepath.Bench.Outbound;

/// <summary>
/// The outbound section (issue 6, "Proxy: ON"): in the network tests' namespaces, the same clients
/// run on the laptop through Telepath (by the Service's name) and inside the cluster against the
/// Service's ClusterIP directly (the baseline); and the laptop's DNS lookups with and without Telepath.
/// </summary>
internal sealed class OutboundBench(Action<string> progress)
{
    public const long DownloadBytes = 100_000_000;
    public const int DownloadRuns = 3;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ThroughputTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LatencyTime = TimeSpan.FromSeconds(3);

    public async Task<OutboundTable> RunAsync(CancellationToken cancellationToken)
    {
        if (await NetnsSupport.MissingReasonAsync(cancellationToken) is { } missing)
        {
            progress($"skipping the outbound section: {missing}");
            return OutboundTable.Skipped(missing);
        }

        progress("building the network namespaces, the Kubernetes API test server and the shop workloads");
        await using var network = await ShopNetwork.StartAsync(cancellationToken);
        progress($"orders.shop has ClusterIP {network.OrdersClusterIp}; timing the laptop's own lookups before connect");
        var before = await DnsLatency.MeasureAsync(network.LaptopNamespace, ShopNetwork.LaptopName, ShopNetwork.LaptopNameAddress, cancellationToken);

        await using var laptop = new LaptopCli(network.Topology, network.LaptopKubeconfig);
        progress($"telepath connect -n {ShopWorkloads.Namespace} (in the laptop namespace)");
        var connect = await laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
        await WaitUntilReachableAsync(network, cancellationToken);

        var inCluster = new Side(new LoadPath("in-cluster", $"http://{network.OrdersClusterIp}/download", network.ClusterNamespace));
        var throughTelepath = new Side(new LoadPath("through Telepath", $"http://{ShopNetwork.ClusterName}/download", network.LaptopNamespace));
        var processes = await PathProcesses.FindAsync(network, laptop.DaemonPid, cancellationToken);
        progress($"CPU measured of {string.Join(", ", processes.Select(p => $"{p.Name} {p.Pid}"))}");
        var cpu = new CpuMeter(() => processes);
        foreach (var side in new[] { inCluster, throughTelepath })
        {
            await MeasureAsync(side, cpu, cancellationToken);
        }

        progress("timing lookups while connected");
        var cluster = await DnsLatency.MeasureAsync(network.LaptopNamespace, ShopNetwork.ClusterName, network.OrdersClusterIp, cancellationToken);
        var after = await DnsLatency.MeasureAsync(network.LaptopNamespace, ShopNetwork.LaptopName, ShopNetwork.LaptopNameAddress, cancellationToken);
        progress("telepath quit; deleting the namespaces");
        return new OutboundTable(null, connect.Elapsed, inCluster.Figures(), throughTelepath.Figures(), cluster, before, after);
    }

    private async Task MeasureAsync(Side side, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var small = side.Path with { Url = $"{side.Path.Url}?bytes=1024" };
        progress($"wrk {side.Path.What}: {small.Url}");
        await Wrk.ThroughputAsync(small, Warmup, cancellationToken);
        var before = cpu.Take();
        side.Throughput = await Wrk.ThroughputAsync(small, ThroughputTime, cancellationToken);
        var usage = CpuMeter.Between(before, cpu.Take());
        side.CpuPerRequest = usage.ProcessSeconds.ToDictionary(p => p.Key, p => p.Value * 1e6 / side.Throughput.Requests);
        side.Latency = await Wrk.LatencyAsync(small, LatencyTime, cancellationToken);

        var large = side.Path with { Url = $"{side.Path.Url}?bytes={DownloadBytes}" };
        progress($"curl {side.Path.What}: {large.Url}, {DownloadRuns} runs after one warm-up");
        side.Download = (await Download.MedianAsync(large, DownloadBytes, DownloadRuns, cancellationToken)).Median;
    }

    // connect returns once the daemon is connected; the helper's rules and the resolver block may land just after.
    private static Task WaitUntilReachableAsync(ShopNetwork network, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async () => (await Network.Testing.Topology.NetworkTopology.ExecAsync(
                network.LaptopNamespace, ["curl", "-sS", "--max-time", "5", $"http://{ShopNetwork.ClusterName}/"], cancellationToken: cancellationToken)).Stdout == "hello from cluster\n",
            () => $"curl http://{ShopNetwork.ClusterName}/ on the laptop answers hello from cluster after connect");

    private sealed class Side(LoadPath path)
    {
        public LoadPath Path { get; } = path;

        public Wrk.Throughput? Throughput { get; set; }

        public Wrk.Latency? Latency { get; set; }

        public double Download { get; set; }

        public IReadOnlyDictionary<string, double> CpuPerRequest { get; set; } = new Dictionary<string, double>();

        public OutboundFigures Figures() => new(Throughput!, Latency!, Download, CpuPerRequest);
    }
}
