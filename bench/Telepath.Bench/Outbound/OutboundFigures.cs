using Telepath.Bench.Load;

namespace Telepath.Bench.Outbound;

/// <summary>What one side (in-cluster or through Telepath) achieved: wrk's req/s and latency, curl's median MB/s.</summary>
internal sealed record OutboundFigures(Wrk.Throughput Throughput, Wrk.Latency Latency, double DownloadMegabytesPerSecond);
