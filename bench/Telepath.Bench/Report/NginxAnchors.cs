using System.Text.RegularExpressions;
using Telepath.Bench.Load;

namespace Telepath.Bench.Report;

/// <summary>
/// The figures of the nginx anchors' lines, read from the script's output: the yardsticks of
/// issue 11's aims (one HTTP proxy hop for the agent, three TCP relays for an intercept).
/// </summary>
internal sealed partial record NginxAnchors(IReadOnlyDictionary<string, NginxAnchors.Line> Lines)
{
    public const string Direct = "direct";
    public const string HttpProxy = "nginx http proxy x1";
    public const string ThreeRelays = "nginx stream x3";

    /// <param name="DownloadMegabytesPerSecond">Of the script's 20 MB file.</param>
    public sealed record Line(double RequestsPerSecond, double P50Ms, double DownloadMegabytesPerSecond);

    /// <returns>Null when a line the aims need is missing (the script failed or changed its format).</returns>
    public static NginxAnchors? Parse(string output)
    {
        var lines = new Dictionary<string, Line>();
        foreach (Match match in Anchor().Matches(output))
        {
            lines[match.Groups["name"].Value.Trim()] = new Line(
                Units.Number(match.Groups["rps"].Value), Units.Milliseconds(match.Groups["p50"].Value), Units.Number(match.Groups["mbps"].Value));
        }

        return new[] { Direct, HttpProxy, ThreeRelays }.All(lines.ContainsKey) && lines[Direct].RequestsPerSecond > 0 ? new NginxAnchors(lines) : null;
    }

    /// <summary>req/s as a ratio to direct nginx, from the req/s themselves (the script prints the ratio rounded).</summary>
    public double Ratio(string name) => Lines[name].RequestsPerSecond / Lines[Direct].RequestsPerSecond;

    public double AddedP50Ms(string name) => Lines[name].P50Ms - Lines[Direct].P50Ms;

    // printf "%-22s %9.0f req/s (%.2f of direct)  p50 at 1 connection %-8s  20 MB download %5.0f MB/s"
    [GeneratedRegex(@"^(?<name>.+?)\s+(?<rps>[0-9.]+) req/s \([0-9.]+ of direct\)\s+p50 at 1 connection (?<p50>\S+)\s+20 MB download\s+(?<mbps>[0-9.]+) MB/s\s*$", RegexOptions.Multiline)]
    private static partial Regex Anchor();
}
