using System.Diagnostics;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;

namespace Telepath.Cli.Daemon;

/// <summary>Starts the daemon on demand: this same executable, detached, in <c>daemon-foreground</c>.</summary>
internal static class DaemonLauncher
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    // A daemon that is still starting when StartTimeout is up gets this much longer: on a loaded
    // machine the runtime's start alone can take that long, and giving up would strand a daemon.
    private static readonly TimeSpan SlowStartTimeout = TimeSpan.FromSeconds(30);

    public const string LaunchingLine = "Launching Telepath Daemon...";

    /// <param name="announce">Whether to say on stderr that the daemon is being started; a caller that does not says it itself when it matters.</param>
    public static async Task<LaunchedDaemon> FindOrStartAsync(DaemonPaths paths, bool announce, CancellationToken cancellationToken)
    {
        if (await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false) is { } running)
        {
            return new LaunchedDaemon(running, Started: false);
        }

        if (announce)
        {
            await Console.Error.WriteLineAsync(LaunchingLine).ConfigureAwait(false);
        }

        using var daemon = Start();
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout || (!daemon.HasExited && elapsed.Elapsed < SlowStartTimeout))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            if (await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false) is { } started)
            {
                return new LaunchedDaemon(started, Started: true);
            }

            if (daemon.HasExited)
            {
                // It stopped without listening; had another CLI's daemon won the socket, the probe above would have found it.
                break;
            }
        }

        var why = daemon.HasExited ? "stopped as it started" : $"did not start within {elapsed.Elapsed.TotalSeconds:0} s";
        throw new UserErrorException($"the Telepath daemon {why}; see {DaemonPaths.ForDisplay(paths.DaemonLog)}");
    }

    private static Process Start()
    {
        var executable = Environment.ProcessPath ?? throw new UserErrorException("cannot tell where the telepath executable is to start the daemon");
        // In "/" so the daemon holds no user directory open (it outlives the shell that started it).
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };

        // exec with stdio on /dev/null: the daemon must not hold the caller's terminal or pipes open.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1");
        start.ArgumentList.Add(executable);
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TelepathCli).Assembly.Location);
        }

        start.ArgumentList.Add(DaemonForegroundName);
        // exec keeps the process id, so this is the daemon itself.
        return Process.Start(start) ?? throw new UserErrorException("could not start the Telepath daemon");
    }

    private const string DaemonForegroundName = Commands.DaemonForeground.DaemonForegroundCommandDefinition.CommandName;
}
