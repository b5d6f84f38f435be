using System.Diagnostics;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;

namespace Telepath.Cli.Daemon;

/// <summary>Starts the daemon on demand: this same executable, detached, in <c>daemon-foreground</c>.</summary>
internal static class DaemonLauncher
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    public static async Task<DaemonConnection> EnsureRunningAsync(DaemonPaths paths, CancellationToken cancellationToken)
    {
        if (await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false) is { } running)
        {
            return running;
        }

        await Console.Error.WriteLineAsync("Launching Telepath Daemon...").ConfigureAwait(false);
        Start();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            if (await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false) is { } started)
            {
                return started;
            }
        }

        throw new UserErrorException($"the Telepath daemon did not start within {StartTimeout.TotalSeconds:0} s; see {DaemonPaths.ForDisplay(paths.DaemonLog)}");
    }

    private static void Start()
    {
        var executable = Environment.ProcessPath ?? throw new UserErrorException("cannot tell where the telepath executable is to start the daemon");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };

        // exec with stdio on /dev/null: the daemon must not hold the caller's terminal or pipes open.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1");
        start.ArgumentList.Add(executable);
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        start.ArgumentList.Add(DaemonForegroundName);
        using var process = Process.Start(start) ?? throw new UserErrorException("could not start the Telepath daemon");
    }

    private const string DaemonForegroundName = Commands.DaemonForeground.DaemonForegroundCommandDefinition.CommandName;
}
