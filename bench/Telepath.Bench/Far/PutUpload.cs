using System.Text.RegularExpressions;
using Telepath.Bench.Load;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Far;

/// <summary>
/// One large PUT to the far laptop's nginx with curl, timed by curl from start to the answer, which
/// nginx sends once it has stored the whole body. The stored file must then have the size and
/// SHA-256 of what was sent, so a path that corrupts or truncates data can never post a figure.
/// </summary>
internal static partial class PutUpload
{
    /// <returns>MB/s, 1 MB being 10^6 bytes as in the nginx anchors.</returns>
    public static async Task<double> MegabytesPerSecondAsync(string what, string url, UploadFile file, string storedAt, CancellationToken cancellationToken)
    {
        File.Delete(storedAt);
        // "Expect:" drops curl's 100-continue wait, which would time a round trip, not the transfer.
        var result = await Commands.RunAsync(
            "curl",
            ["-sS", "--max-time", "120", "-H", "Expect:", "-H", Target.BenchHeader, "-T", file.Path, "-o", "/dev/null", "-w", "%{http_code} %{time_total}", url],
            TimeSpan.FromSeconds(150),
            cancellationToken);
        var timing = Timing().Match(result.Stdout.Trim());
        if (result.ExitCode != 0 || !timing.Success || timing.Groups["code"].Value is not ("201" or "204"))
        {
            throw new BenchException($"the upload {what} failed ({Curl.Complaint(result)})\n{result}");
        }

        var stored = File.Exists(storedAt) ? await UploadFile.AnswerOfAsync(storedAt, cancellationToken) : "nothing";
        return stored == file.ExpectedAnswer
            ? file.Size / Units.Number(timing.Groups["seconds"].Value) / 1e6
            : throw new BenchException($"the upload {what} was not stored intact: expected \"{file.ExpectedAnswer}\", stored \"{stored}\"\n{result}");
    }

    [GeneratedRegex(@"^(?<code>\d{3}) (?<seconds>[0-9.]+)$")]
    private static partial Regex Timing();
}
