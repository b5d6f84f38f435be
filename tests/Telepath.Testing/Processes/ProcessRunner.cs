using System.Diagnostics;
using System.Text;

namespace Telepath.Testing.Processes;

/// <summary>Runs a command to its end, bounded in time, and captures stdout, stderr, the exit code and the wall time.</summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <param name="stdin">Written to the command's input, which is then closed (closed at once when null).</param>
    /// <param name="started">Told the process id as soon as it runs, e.g. to record it for a cleanup.</param>
    /// <exception cref="TimeoutException">The command ran past <paramref name="timeout"/>; it was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the command was killed.</exception>
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        byte[]? stdin = null,
        TimeSpan? timeout = null,
        Action<int>? started = null,
        CancellationToken cancellationToken = default)
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
        using var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        process.Start();
        started?.Invoke(process.Id);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readers = Task.WhenAll(
            DrainAsync(process.StandardOutput, stdout),
            DrainAsync(process.StandardError, stderr));
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
        }

        process.StandardInput.Close();

        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{command}` did not finish within {limit.TotalSeconds:0} s\n--- stdout ---\n{Snapshot(stdout)}--- stderr ---\n{Snapshot(stderr)}");
        }

        var elapsed = clock.Elapsed;

        // A child that the command started in the background (the daemon) might hold the pipes open;
        // the command's own output is complete once it exited and we drained what was buffered.
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

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '(' or ')' or '$')
            ? $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'"
            : argument;
}
