using Telepath.Bench.Load;

namespace Telepath.Bench.Report;

/// <summary>One table, every row as a ratio to row (a), then how (c) and (d) stand against the aim.</summary>
internal static class ResultTable
{
    private const double ThroughputAim = 0.6;
    private const double AddedP50AimMs = 0.3;

    public static void Print(TextWriter output, IReadOnlyList<RowResult> rows, long uploadBytes)
    {
        var a = rows[0];
        output.WriteLine($"{"",-34}  {"keep-alive GET of 1 KiB (wrk)",-44}  {$"POST {uploadBytes / 1_000_000} MB (curl)",-18}  h2c GET 1 KiB (h2load)");
        output.WriteLine($"{"row",-34}  {"req/s",8} {"(x a)",6}  {"p50 ms",8} {"(+ a)",7}  {"p99 ms",8}  {"MB/s",8} {"(x a)",6}   {"req/s",8} {"(x a)",6}");
        foreach (var row in rows)
        {
            var h2 = row.H2RequestsPerSecond is { } r ? $"{r,8:0} {Ratio(r, a.H2RequestsPerSecond),6}" : $"{"failed",8} {"",6}";
            output.WriteLine(
                $"{row.Target.Row + " " + row.Target.Description,-34}  {row.RequestsPerSecond,8:0} {Ratio(row.RequestsPerSecond, a.RequestsPerSecond),6}  " +
                $"{row.P50Ms,8:0.000} {row.P50Ms - a.P50Ms,7:+0.000;-0.000}  {row.P99Ms,8:0.000}  " +
                $"{row.UploadMegabytesPerSecond,8:0} {Ratio(row.UploadMegabytesPerSecond, a.UploadMegabytesPerSecond),6}   {h2}");
        }

        output.WriteLine();
        output.WriteLine($"upload runs (MB/s, median in the table): {string.Join("; ", rows.Select(r => $"{r.Target.Row} {string.Join(" ", r.UploadRuns.Select(u => u.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}"))}");
        foreach (var row in rows.Where(r => r.SocketErrors > 0))
        {
            output.WriteLine($"note: wrk saw {row.SocketErrors} socket errors on {row.Target.Row}");
        }

        foreach (var row in rows.Where(r => r.H2Failure is not null))
        {
            output.WriteLine($"note: h2load failed on {row.Target.Row}: {row.H2Failure!.Split('\n')[0]}");
        }

        output.WriteLine();
        output.WriteLine($"aim for (c) and (d): at least {ThroughputAim} of (a)'s throughput and under {AddedP50AimMs} ms added p50");
        foreach (var row in rows.Skip(2))
        {
            var ratio = row.RequestsPerSecond / a.RequestsPerSecond;
            var added = row.P50Ms - a.P50Ms;
            output.WriteLine(
                $"  {row.Target.Row} {row.Target.Description,-28} throughput {ratio:0.00} of (a) {(ratio >= ThroughputAim ? "met" : "MISSED"),-6}  " +
                $"added p50 {added:0.000} ms {(added < AddedP50AimMs ? "met" : "MISSED")}");
        }
    }

    private static string Ratio(double value, double? baseline) =>
        baseline is > 0 ? (value / baseline.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
