using System.Diagnostics;
using Telepath.Daemon;

namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// Runs the real `telepath` commands of the walkthrough, as a user would type them, with a daemon of
/// the demo's own (its socket and logs in the demo's folder) so a session of the user's is untouched.
/// </summary>
internal sealed class DemoLaptop(string home, TextWriter output)
{
    public async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        output.WriteLine();
        output.WriteLine($"$ telepath {string.Join(' ', arguments.Select(Quote))}");
        var (exitCode, stdout, stderr) = await ExecuteAsync(arguments, cancellationToken);
        // Progress lines go to stderr and come before the result, so they are shown first.
        var shown = (stderr + stdout).TrimEnd();
        if (shown.Length > 0)
        {
            output.WriteLine(shown);
        }

        if (exitCode != 0)
        {
            ShowDaemonLogTail();
            throw new Core.UserErrorException($"the demo stopped: \"telepath {arguments[0]}\" failed with exit code {exitCode}");
        }

        return stdout;
    }

    // The demo's folder, and the daemon's log in it, are deleted when the demo ends: a failed step shows
    // the log's end here or the cause is lost with it.
    private void ShowDaemonLogTail()
    {
        var log = DaemonPaths.Resolve(home, home).DaemonLog;
        if (!File.Exists(log))
        {
            return;
        }

        output.WriteLine($"--- the last lines of the demo daemon's log ({log}) ---");
        foreach (var line in File.ReadLines(log).TakeLast(40))
        {
            output.WriteLine(line);
        }

        output.WriteLine("---");
    }

    /// <summary>Runs a command without showing it (clean-up).</summary>
    public async Task<int> RunQuietlyAsync(params string[] arguments) => (await ExecuteAsync(arguments, CancellationToken.None)).ExitCode;

    private async Task<(int ExitCode, string Stdout, string Stderr)> ExecuteAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DemoLaptop).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["XDG_RUNTIME_DIR"] = home;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        // A Ctrl+C sent to the demo alone (not to the terminal's whole process group) must still stop the
        // command in flight, and the demo waits for it: a `connect` left running could start a daemon
        // after the clean-up's `quit` has run.
        using (cancellationToken.Register(() => ChildSignals.Interrupt(process.Id)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Quote(string argument) => argument.Contains(' ') ? $"'{argument}'" : argument;
}
