using System.Globalization;
using System.Text.RegularExpressions;
using Telepath.Bench.Load;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Outbound;

/// <summary>
/// One large GET with curl (the sample app's <c>/download?bytes=N</c> streams N bytes), its speed
/// as curl measures it over the whole transfer. A short body fails the bench, so a path that
/// truncates can never post a figure.
/// </summary>
internal static partial class Download
{
    /// <returns>MB/s, 1 MB being 10^6 bytes as in the nginx anchors.</returns>
    public static async Task<double> MegabytesPerSecondAsync(LoadPath path, long bytes, CancellationToken cancellationToken)
    {
        var (file, arguments) = path.Command("curl", ["-sS", "--max-time", "120", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{speed_download}", path.Url]);
        var result = await Commands.RunAsync(file, arguments, TimeSpan.FromSeconds(150), cancellationToken);
        var outcome = Outcome().Match(result.Stdout.Trim());
        if (result.ExitCode != 0 || !outcome.Success || outcome.Groups["code"].Value != "200"
            || long.Parse(outcome.Groups["size"].Value, CultureInfo.InvariantCulture) != bytes)
        {
            throw new BenchException($"the download of {bytes} bytes on {path.What} did not arrive whole\n{result}");
        }

        return Units.Number(outcome.Groups["speed"].Value) / 1e6;
    }

    [GeneratedRegex(@"^(?<code>\d{3}) (?<size>\d+) (?<speed>[0-9.]+)$")]
    private static partial Regex Outcome();
}
