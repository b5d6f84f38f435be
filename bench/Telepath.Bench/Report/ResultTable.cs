using System.Globalization;
using Telepath.Bench.Load;

namespace Telepath.Bench.Report;

/// <summary>One table, every row as a ratio to row (a); issue 11's aims are judged after the anchors (<see cref="IssueAims"/>).</summary>
internal static class ResultTable
{
    public static void Print(TextWriter output, IReadOnlyList<RowResult> rows, long transferBytes)
    {
        var a = rows[0];
        var megabytes = transferBytes / 1_000_000;
        output.WriteLine(
            $"{"",-34}  {"keep-alive GET of 1 KiB (wrk)",-43}  {"new conns (wrk)",-15}  {$"POST {megabytes} MB",-15}  {$"GET {megabytes} MB",-15}  h2c GET 1 KiB");
        output.WriteLine(
            $"{"row",-34}  {"req/s",8} {"(x a)",6}  {"p50 ms",8} {"(+ a)",7}  {"p99 ms",8}  {"conn/s",8} {"(x a)",6}  " +
            $"{"MB/s",8} {"(x a)",6}  {"MB/s",8} {"(x a)",6}  {"req/s",8} {"(x a)",6}");
        foreach (var row in rows)
        {
            var h2 = row.H2RequestsPerSecond is { } r ? $"{r,8:0} {Ratio(r, a.H2RequestsPerSecond),6}" : $"{"failed",8} {"",6}";
            output.WriteLine(
                $"{row.Target.Row + " " + row.Target.Description,-34}  {row.RequestsPerSecond,8:0} {Ratio(row.RequestsPerSecond, a.RequestsPerSecond),6}  " +
                $"{row.P50Ms,8:0.000} {row.P50Ms - a.P50Ms,7:+0.000;-0.000}  {row.P99Ms,8:0.000}  " +
                $"{row.NewConnections.RequestsPerSecond,8:0} {Ratio(row.NewConnections.RequestsPerSecond, a.NewConnections.RequestsPerSecond),6}  " +
                $"{Cell(row.Upload, a.Upload)}  {Cell(row.Download, a.Download)}  {h2}");
        }

        output.WriteLine();
        output.WriteLine("new conns: wrk -t1 -c16 with Connection: close, one request per connection; POST and GET: curl, median of 3 (GET after one warm-up)");
        output.WriteLine($"upload runs (MB/s): {Runs(rows, r => r.Upload)}");
        output.WriteLine($"download runs (MB/s): {Runs(rows, r => r.Download)}");
        foreach (var row in rows.Where(r => r.SocketErrors > 0))
        {
            output.WriteLine($"note: wrk saw {row.SocketErrors} socket errors on {row.Target.Row} (keep-alive)");
        }

        foreach (var row in rows.Where(r => r.NewConnections.SocketErrors > 0))
        {
            output.WriteLine($"note: wrk saw {row.NewConnections.SocketErrors} socket errors on {row.Target.Row} (new connections), left out of its conn/s");
        }

        foreach (var (row, what, failure) in rows.SelectMany(r => new[] { (r, "upload", r.Upload.Failure), (r, "download", r.Download.Failure) }).Where(t => t.Item3 is not null))
        {
            output.WriteLine($"note: the {what} failed on {row.Target.Row}: {failure!.Split('\n')[0]}");
        }

        foreach (var row in rows.Where(r => r.H2Failure is not null))
        {
            output.WriteLine($"note: h2load failed on {row.Target.Row}: {row.H2Failure!.Split('\n')[0]}");
        }
    }

    private static string Cell(Transfer transfer, Transfer baseline) =>
        transfer.MegabytesPerSecond is { } speed ? $"{speed,8:0} {Ratio(speed, baseline.MegabytesPerSecond),6}" : $"{"failed",8} {"",6}";

    private static string Runs(IReadOnlyList<RowResult> rows, Func<RowResult, Transfer> transfer) =>
        string.Join("; ", rows.Select(r => $"{r.Target.Row} {(transfer(r).Failure is null ? string.Join(" ", transfer(r).Runs.Select(u => u.ToString("0", CultureInfo.InvariantCulture))) : "failed")}"));

    private static string Ratio(double value, double? baseline) =>
        baseline is > 0 ? (value / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
