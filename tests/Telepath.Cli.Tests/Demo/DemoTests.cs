using System.Text.RegularExpressions;
using Telepath.Cli.Tests.Harness;

namespace Telepath.Cli.Tests.Demo;

/// <summary>
/// `telepath demo` runs the manager, the agent, the sample apps and the hub as processes of their own
/// (telepath-server, telepath-sample, telepath-hub). Its folder goes in the sandbox (TMPDIR), so a
/// process of this test's demo is one whose command line, environment or working directory names the sandbox.
/// </summary>
public sealed partial class DemoTests : CliTest
{
    public DemoTests()
    {
        Cli.Environment["TMPDIR"] = Cli.Root;
        // Four servers, a daemon and a dozen telepath commands, each a cold .NET process: on a loaded machine, a minute or more.
        Cli.RunTimeout = TimeSpan.FromMinutes(4);
    }

    [Fact]
    public async Task The_demo_shows_each_step_answered_by_the_right_side_and_leaves_nothing_running()
    {
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
        Assert.Matches("Logged in to http://127\\.0\\.0\\.1:\\d+/ as demo@telepath.local \\(organisation Demo\\)", preview);
        Assert.Matches("curl http://[a-z0-9]+\\.localhost:\\d+/\\n\\s+→ 200 hello from your laptop", preview);
        Assert.Matches("curl http://127[^\\n]+\\n\\s+→ 200 hello from the cluster", preview);
        Assert.Contains("everything runs on this machine", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Demo finished", output);
        Assert.False(Directory.Exists(DemoFolder(output)), "the demo's folder is removed after a run that worked");
        Assert.Empty(ProcessesOfThisDemo());
    }

    [Fact]
    public async Task Ctrl_C_stops_the_servers_the_demo_started()
    {
        var result = await Cli.RunInterruptedAtLineAsync("1. With no intercept", "demo");

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("[3/3] started your local copy", result.StdOut);
        Assert.Empty(ProcessesOfThisDemo());
    }

    [Fact]
    public async Task A_server_that_does_not_start_is_one_line_naming_it_and_its_log()
    {
        // The manager refuses this at start (the demo's servers get the demo's environment), before it listens.
        Cli.Environment["TELEPATH_ALLOW_OUTBOUND"] = "not-a-range";

        var result = await Cli.RunAsync("demo");

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(Lines(result.StdErr));
        var match = Regex.Match(error, "^telepath: the demo could not start telepath-server manager: it exited with code 2 before it was ready; its log: (\\S+/logs/manager\\.log)$");
        Assert.True(match.Success, error);
        Assert.Contains("TELEPATH_ALLOW_OUTBOUND", File.ReadAllText(match.Groups[1].Value));
        Assert.Empty(ProcessesOfThisDemo());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Section(string output, string from, string to)
    {
        var start = output.IndexOf(from, StringComparison.Ordinal);
        var end = output.IndexOf(to, start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"sections \"{from}\" .. \"{to}\" not found in:\n{output}");
        return output[start..end];
    }

    private static string DemoFolder(string output)
    {
        var match = LogsLine().Match(output);
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }

    [GeneratedRegex("Their output goes to (\\S+)/logs ")]
    private static partial Regex LogsLine();

    /// <summary>Processes (the servers, the daemon) whose command line, environment or working directory is in this test's sandbox.</summary>
    private List<string> ProcessesOfThisDemo()
    {
        var found = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out _))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                var cwd = new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget ?? "";
                if (commandLine.Contains(Cli.Root, StringComparison.Ordinal) || cwd.Contains(Cli.Root, StringComparison.Ordinal)
                    || File.ReadAllText(Path.Combine(proc, "environ")).Contains(Cli.Root, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(proc)}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }
}
