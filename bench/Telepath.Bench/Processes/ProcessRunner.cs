using System.Diagnostics;
using System.Text;

namespace Telepath.Bench.Processes;

/// <summary>Runs a command to its end, bounded in time, and captures its output and wall time.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
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

        var command = $"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)}";
        using var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        if (!process.Start())
        {
            throw new BenchException($"could not start `{command}`");
        }

        PidLog.Add(process.Id);
        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readers = Task.WhenAll(DrainAsync(process.StandardOutput, stdout), DrainAsync(process.StandardError, stderr));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new BenchException($"`{command}` did not finish within {timeout.TotalSeconds:0} s\n--- stdout ---\n{Snapshot(stdout)}--- stderr ---\n{Snapshot(stderr)}");
        }

        var elapsed = clock.Elapsed;

        // The CLI may leave a daemon behind that inherited nothing, but be safe: the command's own
        // output is complete once it exited and the buffered rest is drained.
        await Task.WhenAny(readers, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        return new ProcessResult(command, process.ExitCode, Snapshot(stdout), Snapshot(stderr), elapsed);
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
}
