using System.Text.RegularExpressions;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Load;

/// <summary>
/// One large POST with curl, timed by curl from start to the last byte of the answer. The app
/// answers with the size and SHA-256 of what it received; a mismatch fails the bench, so a path that
/// corrupts or truncates data can never post a figure.
/// </summary>
internal static partial class Upload
{
    /// <returns>MB/s, 1 MB being 10^6 bytes as in the nginx anchors.</returns>
    public static async Task<double> MegabytesPerSecondAsync(Target target, UploadFile file, CancellationToken cancellationToken)
    {
        // curl reads the whole file before it connects, so disk time is not in time_total.
        // "Expect:" drops curl's 100-continue wait, which would time the handshake, not the transfer.
        var result = await Commands.RunAsync(
            "curl",
            [
                "-sS", "--max-time", "120", "-H", "Expect:", "-H", "Content-Type: application/octet-stream", "-H", Target.BenchHeader,
                "--data-binary", $"@{file.Path}", "-w", @"\n%{http_code} %{time_total}", target.Upload,
            ],
            TimeSpan.FromSeconds(150),
            cancellationToken);
        var lines = result.Stdout.Trim().Split('\n');
        var timing = Timing().Match(lines[^1]);
        if (result.ExitCode != 0 || !timing.Success || timing.Groups["code"].Value != "200" || lines[0].Trim() != file.ExpectedAnswer)
        {
            var answer = lines[0].Trim();
            var got = timing.Success ? $"HTTP {timing.Groups["code"].Value}, \"{answer[..Math.Min(answer.Length, 120)]}\"" : Curl.Complaint(result);
            throw new BenchException($"the upload to {target.Row} was not received intact (expected \"{file.ExpectedAnswer}\", got {got})\n{result}");
        }

        return file.Size / Units.Number(timing.Groups["seconds"].Value) / 1e6;
    }

    [GeneratedRegex(@"^(?<code>\d{3}) (?<seconds>[0-9.]+)$")]
    private static partial Regex Timing();
}
