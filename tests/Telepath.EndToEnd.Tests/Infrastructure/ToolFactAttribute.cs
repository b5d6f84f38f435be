using System.Collections.Concurrent;
using System.Diagnostics;

namespace Telepath.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fact that needs outside tools: "curl", "h2load", or "python3:MODULE" for a module of Debian's
/// /usr/bin/python3. Skipped, with the reason, where one is missing; CI installs them all.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    private static readonly ConcurrentDictionary<string, bool> s_present = new();

    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => !s_present.GetOrAdd(tool, IsPresent)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} (apt-get install curl nghttp2-client python3-grpcio python3-websockets)";
        }
    }

    private static bool IsPresent(string tool)
    {
        if (tool.StartsWith("python3:", StringComparison.Ordinal))
        {
            return Succeeds("/usr/bin/python3", "-c", $"import {tool["python3:".Length..]}");
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
    }

    // Runs once per tool while xunit discovers tests; a blocking wait is the only option in an attribute.
    private static bool Succeeds(string file, params string[] arguments)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit(10_000);
        return process.HasExited && process.ExitCode == 0;
    }
}
