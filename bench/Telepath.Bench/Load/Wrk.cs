using System.Text.RegularExpressions;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Load;

/// <summary>
/// GETs with wrk: 16 keep-alive connections for throughput, 1 connection for latency (at one
/// connection p50 is the round trip of a single request, with no queueing behind others), and 16
/// connections that each carry one request (<c>Connection: close</c>) for the rate of new connections.
/// </summary>
internal static partial class Wrk
{
    public sealed record Throughput(double RequestsPerSecond, long Requests, long SocketErrors);

    public sealed record Latency(double P50Ms, double P99Ms);

    public static Task<Throughput> ThroughputAsync(Target target, TimeSpan duration, CancellationToken cancellationToken) =>
        ThroughputAsync(new LoadPath(target.Row, target.SmallGet), duration, cancellationToken);

    public static Task<Latency> LatencyAsync(Target target, TimeSpan duration, CancellationToken cancellationToken) =>
        LatencyAsync(new LoadPath(target.Row, target.SmallGet), duration, cancellationToken);

    public static async Task<Throughput> ThroughputAsync(LoadPath path, TimeSpan duration, CancellationToken cancellationToken)
    {
        var output = await RunAsync(path, ["-t1", "-c16", $"-d{duration.TotalSeconds:0}s"], duration, cancellationToken);
        return ReadThroughput(output);
    }

    /// <summary>
    /// Each request on a new connection: the server answers <c>Connection: close</c> and closes, wrk
    /// connects again. Its req/s is new connections per second; a connection that fails (refused,
    /// reset, no answer) is one of wrk's socket errors, which the caller reports beside the figure.
    /// </summary>
    public static async Task<Throughput> NewConnectionsAsync(Target target, TimeSpan duration, CancellationToken cancellationToken)
    {
        var path = new LoadPath(target.Row, target.SmallGet);
        var output = await RunAsync(path, ["-t1", "-c16", $"-d{duration.TotalSeconds:0}s", "-H", "Connection: close"], duration, cancellationToken);
        return ReadThroughput(output);
    }

    private static Throughput ReadThroughput(string output)
    {
        var errors = SocketErrors().Match(output) is { Success: true } e
            ? e.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture))
            : 0;
        var requests = long.Parse(Required(TotalRequests(), output, "requests in"), System.Globalization.CultureInfo.InvariantCulture);
        return new Throughput(Units.Number(Required(RequestsPerSecond(), output, "Requests/sec")), requests, errors);
    }

    public static async Task<Latency> LatencyAsync(LoadPath path, TimeSpan duration, CancellationToken cancellationToken)
    {
        var output = await RunAsync(path, ["-t1", "-c1", $"-d{duration.TotalSeconds:0}s", "--latency"], duration, cancellationToken);
        return new Latency(Units.Milliseconds(Required(P50(), output, "50%")), Units.Milliseconds(Required(P99(), output, "99%")));
    }

    private static async Task<string> RunAsync(LoadPath path, string[] options, TimeSpan duration, CancellationToken cancellationToken)
    {
        var (file, arguments) = path.Command("wrk", [.. options, "-H", Target.BenchHeader, path.Url]);
        var result = await Commands.RunAsync(file, arguments, duration + TimeSpan.FromSeconds(20), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new BenchException($"wrk failed on {path.What}\n{result}");
        }

        if (result.Stdout.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new BenchException($"wrk got error responses on {path.What}\n{result}");
        }

        return result.Stdout;
    }

    private static string Required(Regex pattern, string output, string what) =>
        pattern.Match(output) is { Success: true } match
            ? match.Groups[1].Value
            : throw new BenchException($"wrk printed no {what}:\n{output}");

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"^\s+50%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex P50();

    [GeneratedRegex(@"^\s+99%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
