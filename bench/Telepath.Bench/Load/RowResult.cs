namespace Telepath.Bench.Load;

/// <summary>The figures of one row.</summary>
internal sealed record RowResult(
    Target Target,
    double RequestsPerSecond,
    long Requests,
    Report.CpuMeter.Usage Cpu,
    long SocketErrors,
    double P50Ms,
    double P99Ms,
    double UploadMegabytesPerSecond,
    IReadOnlyList<double> UploadRuns,
    double? H2RequestsPerSecond,
    string? H2Failure);
