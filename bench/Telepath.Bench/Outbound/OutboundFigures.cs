using Telepath.Bench.Load;

namespace Telepath.Bench.Outbound;

/// <summary>
/// What one side (in-cluster or through Telepath) achieved: wrk's req/s and latency, curl's median
/// MB/s, and the CPU microseconds per request each process on the path spent in the req/s run.
/// </summary>
internal sealed record OutboundFigures(Wrk.Throughput Throughput, Wrk.Latency Latency, double DownloadMegabytesPerSecond, IReadOnlyDictionary<string, double> CpuPerRequest);
