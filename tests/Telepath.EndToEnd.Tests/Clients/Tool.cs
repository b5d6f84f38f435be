using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>Other HTTP clients than .NET's, from PATH, so the agent is checked against what users really run.</summary>
public static class Tool
{
    /// <summary>Debian's python with its python3-grpcio and python3-websockets packages.</summary>
    public const string Python = "/usr/bin/python3";

    public static Task<ProcessResult> CurlAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("curl", ["--silent", "--show-error", "--noproxy", "*", "--max-time", "30", .. arguments]);

    /// <summary>curl through the proxy its arguments name: "--noproxy *" would bypass that one too, and an empty list overrides NO_PROXY.</summary>
    public static Task<ProcessResult> CurlThroughProxyAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("curl", ["--silent", "--show-error", "--noproxy", "", "--max-time", "30", .. arguments]);

    /// <summary>curl for a large transfer, bounded by <paramref name="bound"/> instead of 30 s (only so that a hang fails); no proxy unless its arguments name one.</summary>
    public static Task<ProcessResult> CurlBoundedAsync(TimeSpan bound, params string[] arguments) =>
        ProcessRunner.RunAsync(
            "curl",
            ["--silent", "--show-error", "--noproxy", arguments.Any(a => a.StartsWith("--socks", StringComparison.Ordinal) || a is "-x" or "--proxy") ? "" : "*",
                "--max-time", $"{bound.TotalSeconds:0}", .. arguments],
            timeout: bound + TimeSpan.FromSeconds(30));

    public static Task<ProcessResult> PythonAsync(string script, params string[] arguments) =>
        ProcessRunner.RunAsync(Python, ["-c", script, .. arguments]);

    public static async Task<ProcessResult> MustAsync(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
