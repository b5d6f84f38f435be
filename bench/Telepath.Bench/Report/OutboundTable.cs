using Telepath.Bench.Outbound;

namespace Telepath.Bench.Report;

/// <summary>
/// The outbound section's table: each figure through Telepath beside the same client run inside
/// the cluster, as a ratio, and the laptop's lookup latencies; or the one line saying why it was skipped.
/// </summary>
internal sealed record OutboundTable(
    string? SkipReason,
    TimeSpan Connect,
    OutboundFigures? InCluster,
    OutboundFigures? ThroughTelepath,
    DnsLatency.Result? ClusterName,
    DnsLatency.Result? LaptopNameBefore,
    DnsLatency.Result? LaptopNameConnected)
{
    public static OutboundTable Skipped(string reason) => new(reason, TimeSpan.Zero, null, null, null, null, null);

    public void Print(TextWriter output)
    {
        output.WriteLine("Outbound (Proxy: ON): wrk and curl in the laptop namespace to http://orders.shop through Telepath, baseline the same client in the cluster namespace to the Service's ClusterIP");
        if (SkipReason is not null || InCluster is null || ThroughTelepath is null)
        {
            output.WriteLine($"  skipped: {SkipReason}");
            return;
        }

        output.WriteLine($"  telepath connect -n shop (daemon, helper, nftables, resolver): {Connect.TotalSeconds:0.00} s");
        output.WriteLine($"{"",-44} {"in-cluster",12} {"through Telepath",18} {"ratio",7}");
        Row(output, "req/s (wrk -t1 -c16 -d5s, 1 KiB GETs)", InCluster.Throughput.RequestsPerSecond, ThroughTelepath.Throughput.RequestsPerSecond, "0");
        Row(output, "p50 ms (wrk -t1 -c1 -d3s)", InCluster.Latency.P50Ms, ThroughTelepath.Latency.P50Ms, "0.000");
        Row(output, "p99 ms", InCluster.Latency.P99Ms, ThroughTelepath.Latency.P99Ms, "0.000");
        Row(output, $"MB/s (curl, {OutboundBench.DownloadBytes / 1_000_000} MB GET, median of {OutboundBench.DownloadRuns})", InCluster.DownloadMegabytesPerSecond, ThroughTelepath.DownloadMegabytesPerSecond, "0");
        output.WriteLine($"  through Telepath: {ThroughTelepath.Throughput.RequestsPerSecond:0} req/s ({ThroughTelepath.Throughput.RequestsPerSecond / InCluster.Throughput.RequestsPerSecond:0.00} of in-cluster), " +
            $"{ThroughTelepath.DownloadMegabytesPerSecond:0} MB/s ({ThroughTelepath.DownloadMegabytesPerSecond / InCluster.DownloadMegabytesPerSecond:0.00} of in-cluster)");
        output.WriteLine($"  CPU µs per request in the req/s run (/proc): in-cluster {Cpu(InCluster)}; through Telepath {Cpu(ThroughTelepath)}");
        if (InCluster.Throughput.SocketErrors + ThroughTelepath.Throughput.SocketErrors > 0)
        {
            output.WriteLine($"  wrk socket errors: in-cluster {InCluster.Throughput.SocketErrors}, through Telepath {ThroughTelepath.Throughput.SocketErrors}");
        }

        output.WriteLine();
        output.WriteLine($"DNS lookups from the laptop namespace: getaddrinfo (A and AAAA) timed in one python process, {DnsLatency.Lookups} lookups each");
        output.WriteLine($"{"",-56} {"median ms",10} {"p95 ms",10}");
        Dns(output, $"{ShopNetwork.ClusterName}, connected (the daemon answers)", ClusterName!);
        Dns(output, $"{ShopNetwork.LaptopName}, not connected (laptop's resolver)", LaptopNameBefore!);
        Dns(output, $"{ShopNetwork.LaptopName}, connected (forwarded by daemon)", LaptopNameConnected!);
        output.WriteLine($"  a non-cluster lookup while connected takes {LaptopNameConnected!.MedianMs / LaptopNameBefore!.MedianMs:0.00}x its time without Telepath (median), {LaptopNameConnected.P95Ms / LaptopNameBefore.P95Ms:0.00}x (p95)");
    }

    private static void Row(TextWriter output, string what, double inCluster, double through, string format) =>
        output.WriteLine($"  {what,-42} {inCluster.ToString(format, System.Globalization.CultureInfo.InvariantCulture),12} {through.ToString(format, System.Globalization.CultureInfo.InvariantCulture),18} {through / inCluster,7:0.00}");

    private static string Cpu(OutboundFigures figures) =>
        string.Join(", ", figures.CpuPerRequest.Select(p => $"{p.Key} {p.Value:0}"));

    private static void Dns(TextWriter output, string what, DnsLatency.Result result) =>
        output.WriteLine($"  {what,-54} {result.MedianMs,10:0.000} {result.P95Ms,10:0.000}");
}
