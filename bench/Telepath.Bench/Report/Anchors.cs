using Telepath.Bench.Processes;

namespace Telepath.Bench.Report;

/// <summary>
/// The shared nginx anchors (direct, one HTTP proxy hop, one and three TCP relays) measured in the
/// same run on the same machine, so our ratios can be read against what a mature proxy achieves here;
/// printed as the script prints them, and read for the aims.
/// </summary>
internal static class Anchors
{
    public static string? ScriptPath()
    {
        var path = Path.GetFullPath(Path.Combine(Executables.Repository, "..", "shared", "bench", "nginx-anchors.sh"));
        return File.Exists(path) ? path : null;
    }

    /// <returns>The anchors' figures, or null when the script failed or printed them in a form this cannot read.</returns>
    public static async Task<NginxAnchors?> PrintAsync(TextWriter output, string script, CancellationToken cancellationToken)
    {
        output.WriteLine("nginx anchors on this machine (same run)");
        try
        {
            var result = await Commands.RunAsync("bash", [script], TimeSpan.FromMinutes(3), cancellationToken);
            foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine($"  {line}");
            }

            if (result.ExitCode != 0)
            {
                output.WriteLine($"  (the script failed with exit code {result.ExitCode}: {result.Stderr.Trim()})");
                return null;
            }

            return NginxAnchors.Parse(result.Stdout);
        }
        catch (BenchException e)
        {
            output.WriteLine($"  (the script did not finish: {e.Message.Split('\n')[0]})");
            return null;
        }
    }
}
