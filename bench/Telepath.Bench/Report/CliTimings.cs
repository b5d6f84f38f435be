namespace Telepath.Bench.Report;

/// <summary>
/// Wall times of CLI commands (process start to exit, as a user waits for them) and how long an
/// intercept took to route at the agent after the command returned.
/// </summary>
internal sealed class CliTimings
{
    private readonly List<(string What, TimeSpan Elapsed, string Aim)> _entries = [];

    public void Add(string what, TimeSpan elapsed, string aim = "") => _entries.Add((what, elapsed, aim));

    public void Print(TextWriter output)
    {
        output.WriteLine("CLI wall times (process start to exit; the next issue's aims: connect < 2 s, intercept ACTIVE < 1 s)");
        foreach (var (what, elapsed, aim) in _entries)
        {
            output.WriteLine($"  {what,-64} {elapsed.TotalSeconds,6:0.000} s  {aim}");
        }
    }
}
