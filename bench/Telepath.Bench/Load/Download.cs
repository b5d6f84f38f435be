using System.Globalization;
using System.Text.RegularExpressions;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Load;

/// <summary>
/// One large GET with curl, its speed as curl measures it over the whole transfer. It carries
/// <see cref="Target.BenchHeader"/> like every request of the rows, so a personal intercept takes it.
/// A short body or a status other than 200 fails the bench, so a path that truncates can never post a figure.
/// </summary>
internal static partial class Download
{
    /// <param name="MegabytesPerSecond">1 MB being 10^6 bytes, as in the nginx anchors.</param>
    /// <param name="ConnectSeconds">curl's time_connect: one TCP handshake, so one round trip of the path's first hop.</param>
    public sealed record Result(double MegabytesPerSecond, double ConnectSeconds);

    public static async Task<double> MegabytesPerSecondAsync(LoadPath path, long bytes, CancellationToken cancellationToken) =>
        (await RunAsync(path, bytes, cancellationToken)).MegabytesPerSecond;

    /// <summary>One warm-up, then the median of <paramref name="runs"/> transfers.</summary>
    public static async Task<(double Median, IReadOnlyList<double> Runs)> MedianAsync(LoadPath path, long bytes, int runs, CancellationToken cancellationToken)
    {
        await RunAsync(path, bytes, cancellationToken);
        var speeds = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            speeds.Add(await MegabytesPerSecondAsync(path, bytes, cancellationToken));
        }

        return (Median.Of(speeds), speeds);
    }

    public static async Task<Result> RunAsync(LoadPath path, long bytes, CancellationToken cancellationToken)
    {
        var (file, arguments) = path.Command(
            "curl",
            ["-sS", "--max-time", "120", "-H", Target.BenchHeader, "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{speed_download} %{time_connect}", path.Url]);
        var result = await Commands.RunAsync(file, arguments, TimeSpan.FromSeconds(150), cancellationToken);
        var outcome = Outcome().Match(result.Stdout.Trim());
        if (result.ExitCode != 0 || !outcome.Success || outcome.Groups["code"].Value != "200"
            || long.Parse(outcome.Groups["size"].Value, CultureInfo.InvariantCulture) != bytes)
        {
            var got = outcome.Success ? $"HTTP {outcome.Groups["code"].Value}, {outcome.Groups["size"].Value} bytes" : "no answer";
            throw new BenchException($"the download of {bytes} bytes ({path.What}) did not arrive whole ({got}; {Curl.Complaint(result)})\n{result}");
        }

        return new Result(Units.Number(outcome.Groups["speed"].Value) / 1e6, Units.Number(outcome.Groups["connect"].Value));
    }

    [GeneratedRegex(@"^(?<code>\d{3}) (?<size>\d+) (?<speed>[0-9.]+) (?<connect>[0-9.]+)$")]
    private static partial Regex Outcome();
}
