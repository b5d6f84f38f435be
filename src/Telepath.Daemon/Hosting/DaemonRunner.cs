using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.Core;
using Telepath.Daemon.Logging;

namespace Telepath.Daemon.Hosting;

/// <summary>
/// Runs the daemon in this process until <c>quit</c> (or SIGTERM): detaches from the terminal, claims
/// the socket (removing a stale one), writes the pid file, and cleans both up on the way out.
/// </summary>
public static class DaemonRunner
{
    /// <returns>The process exit code: 0, or 1 when another daemon already runs.</returns>
    public static async Task<int> RunAsync(DaemonPaths paths, CancellationToken cancellationToken)
    {
        SessionLeader.Become();
        PrivateDirectory.Ensure(paths.RuntimeDirectory);
        PrivateDirectory.Ensure(paths.LogDirectory);
        using var log = LogFile.Open(paths.DaemonLog);
        var logger = log.CreateLogger("Telepath.Daemon");
        try
        {
            return await ServeAsync(paths, log, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nobody sees the daemon's stderr: the log is the only place this can go.
            Log.Crashed(logger, e);
            return 1;
        }
    }

    private static async Task<int> ServeAsync(DaemonPaths paths, ILoggerProvider log, ILogger logger, CancellationToken cancellationToken)
    {
        if (await SocketProbe.IsListeningAsync(paths.Socket, cancellationToken).ConfigureAwait(false))
        {
            Log.AlreadyRunning(logger, paths.Socket);
            return 1;
        }

        if (File.Exists(paths.Socket))
        {
            File.Delete(paths.Socket);
            Log.StaleSocketRemoved(logger, paths.Socket);
        }

        var app = DaemonHost.Build(paths, log);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            using (PidFile.Write(paths.PidFile))
            {
                Log.Started(logger, TelepathVersion.Current, paths.Socket, Environment.ProcessId);
                try
                {
                    await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // SIGTERM or Ctrl+C rather than quit: still end our intercepts and depart.
                    await app.Services.GetRequiredService<DaemonState>().DisconnectAsync().ConfigureAwait(false);
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                    TryDelete(paths.Socket);
                    Log.Stopped(logger);
                }
            }
        }

        return 0;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Removed by Kestrel already, or a stale file the next daemon will remove.
        }
    }
}
