using Telepath.Testing.Processes;

namespace Telepath.Bench.Load;

/// <summary>What curl said about a transfer that went wrong, for the one line a failed cell's note shows.</summary>
internal static class Curl
{
    public static string Complaint(ProcessResult result) =>
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } said
            ? said
            : $"curl exit code {result.ExitCode}";
}
