using Telepath.Bench.Report;

namespace Telepath.Bench.Load;

/// <summary>
/// Measures one row, after a warm-up that lets every process on the path JIT and tier up its hot
/// code (.NET's tiered compilation would otherwise put the first row at an advantage or disadvantage).
/// </summary>
internal sealed class RowMeasurement(UploadFile upload, CpuMeter cpu, Action<string> progress)
{
    public const int UploadRuns = 3;
    public const int DownloadRuns = 3;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ThroughputDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LatencyDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan NewConnectionsDuration = TimeSpan.FromSeconds(5);

    public async Task<RowResult> MeasureAsync(Target target, CancellationToken cancellationToken)
    {
        progress($"{target.Row}: warming up");
        await Wrk.ThroughputAsync(target, WarmUp, cancellationToken);
        await Wrk.LatencyAsync(target, TimeSpan.FromSeconds(1), cancellationToken);
        await Wrk.NewConnectionsAsync(target, TimeSpan.FromSeconds(1), cancellationToken);
        var uploadWarmUp = await Transfer.MeasureAsync(1, warmUp: false, () => Upload.MegabytesPerSecondAsync(target, upload, cancellationToken));

        progress($"{target.Row}: wrk, 16 keep-alive connections, {ThroughputDuration.TotalSeconds:0} s");
        var before = cpu.Take();
        var throughput = await Wrk.ThroughputAsync(target, ThroughputDuration, cancellationToken);
        var usage = CpuMeter.Between(before, cpu.Take());
        progress($"{target.Row}: wrk, 1 connection, {LatencyDuration.TotalSeconds:0} s");
        var latency = await Wrk.LatencyAsync(target, LatencyDuration, cancellationToken);

        progress($"{target.Row}: wrk, 16 connections of one request each (Connection: close), {NewConnectionsDuration.TotalSeconds:0} s");
        var newConnections = await Wrk.NewConnectionsAsync(target, NewConnectionsDuration, cancellationToken);

        // A failed transfer is reported in its cell; the warm-up's failure stands for the runs.
        progress($"{target.Row}: {UploadRuns} uploads of {upload.Size / 1_000_000} MB");
        var uploads = uploadWarmUp.Failure is { } failure
            ? Transfer.Failed(failure)
            : await Transfer.MeasureAsync(UploadRuns, warmUp: false, () => Upload.MegabytesPerSecondAsync(target, upload, cancellationToken));

        // The download is as large as the upload.
        progress($"{target.Row}: {DownloadRuns} downloads of {upload.Size / 1_000_000} MB after one warm-up");
        var downloads = await Transfer.MeasureAsync(
            DownloadRuns, warmUp: true, () => Download.MegabytesPerSecondAsync(target.LargeGet(upload.Size), upload.Size, cancellationToken));

        progress($"{target.Row}: h2load, {H2Load.Requests} requests over 4 h2c connections");
        double? h2 = null;
        string? h2Failure = null;
        try
        {
            h2 = await H2Load.RequestsPerSecondAsync(target, cancellationToken);
        }
        catch (BenchException e)
        {
            // The h2c figures are an extra; their failure is reported under the table, not fatal.
            h2Failure = e.Message;
            progress($"{target.Row}: h2load failed: {e.Message.Split('\n')[0]}");
        }

        return new RowResult(
            target, throughput.RequestsPerSecond, throughput.Requests, usage, throughput.SocketErrors, latency.P50Ms, latency.P99Ms, newConnections,
            uploads, downloads, h2, h2Failure);
    }
}
