using System.Diagnostics;
using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Demo;

public sealed class DemoTests : CliTest
{
    [Fact]
    public async Task The_demo_shows_each_step_answered_by_the_right_side_and_leaves_nothing_running()
    {
        var before = DemoDaemons();

        var result = await Cli.RunAsync("demo");

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StdOut;
        var global = Section(output, "3. A global intercept", "4. Leave it");
        var left = Section(output, "4. Leave it", "5. A personal intercept");
        var personal = Section(output, "5. A personal intercept", "6. A preview URL");
        var preview = Section(output, "6. A preview URL", "7. Clean up");
        Assert.Contains("→ 200 hello from your laptop", global);
        Assert.Contains("served by your laptop", global);
        Assert.Contains("→ 200 hello from the cluster", left);
        Assert.DoesNotContain("your laptop", left);
        // Without the header the cluster answers; with it, the laptop does.
        Assert.Matches("curl http://[^\\n]+\\n\\s+→ 200 hello from the cluster", personal);
        Assert.Matches("curl -H 'x-telepath-intercept-id: [0-9a-f-]{36}:orders' [^\\n]+\\n\\s+→ 200 hello from your laptop", personal);
        // Through the hub's preview URL the laptop answers, without the caller sending any header.
        Assert.Matches("Logged in to http://127\\.0\\.0\\.1:\\d+/ as demo@telepath.local \\(Demo\\)", preview);
        Assert.Matches("curl http://[a-z0-9]+\\.localhost:\\d+/\\n\\s+→ 200 hello from your laptop", preview);
        Assert.Matches("curl http://127[^\\n]+\\n\\s+→ 200 hello from the cluster", preview);
        Assert.Contains("everything runs on this machine", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Demo finished", output);
        Assert.Equal(before, DemoDaemons());
    }

    private static string Section(string output, string from, string to)
    {
        var start = output.IndexOf(from, StringComparison.Ordinal);
        var end = output.IndexOf(to, start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"sections \"{from}\" .. \"{to}\" not found in:\n{output}");
        return output[start..end];
    }

    /// <summary>Daemons whose runtime folder is a demo's own; the demo must have stopped its one.</summary>
    private static int DemoDaemons() =>
        Process.GetProcesses().Count(p =>
        {
            try
            {
                return File.ReadAllText($"/proc/{p.Id}/environ").Contains("telepath-demo-", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
