using System.Diagnostics;
using System.Text;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a command to its end and captures stdout, stderr and the exit code.</summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        byte[]? stdin = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var command = $"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList.Select(Quote))}";
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.Start();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readers = Task.WhenAll(
            DrainAsync(process.StandardOutput, stdout),
            DrainAsync(process.StandardError, stderr));
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();

        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(exited.Task, Task.Delay(limit)) != exited.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {limit.TotalSeconds:0} s\n--- stdout ---\n{Snapshot(stdout)}--- stderr ---\n{Snapshot(stderr)}");
        }

        // A child that the command started in the background (the daemon) might hold the pipes open;
        // the command's own output is complete once it exited and we drained what was buffered.
        await Task.WhenAny(readers, Task.Delay(TimeSpan.FromSeconds(2)));
        return new ProcessResult(command, process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    private static async Task DrainAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '(' or ')' or '$')
            ? $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'"
            : argument;
}
