namespace Telepath.Bench.Load;

/// <summary>The figures of one row.</summary>
/// <param name="NewConnections">wrk with <c>Connection: close</c>: its req/s is new connections per second.</param>
internal sealed record RowResult(
    Target Target,
    double RequestsPerSecond,
    long Requests,
    Report.CpuMeter.Usage Cpu,
    long SocketErrors,
    double P50Ms,
    double P99Ms,
    Wrk.Throughput NewConnections,
    Transfer Upload,
    Transfer Download,
    double? H2RequestsPerSecond,
    string? H2Failure);
