using Microsoft.Extensions.Logging;
using Telepath.Daemon.Hosting;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>The helper process as <c>telepath network-helper</c> runs it: the real nft and ip, systemd-resolved or the real /etc/resolv.conf, its log in /var/log/telepath.</summary>
public static class NetworkHelperProgram
{
    /// <summary>
    /// Root's own directory, never the user's: a root process appending to a file in a folder the user
    /// owns could be pointed at any file of the system through a symlink.
    /// </summary>
    public const string LogPath = "/var/log/telepath/network-helper.log";

    /// <param name="launcherPid">The telepath process that started the helper, if known.</param>
    public static async Task<int> RunAsync(uint userId, string socketPath, int? launcherPid, CancellationToken cancellationToken)
    {
        // stdout and stderr are the CLI's pipes, read only until the ready line; the helper outlives the
        // CLI, so its log goes to a file.
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(Logging.LogFile.Open(LogPath)));
        var logger = loggers.CreateLogger("Telepath.NetworkHelper");
        var setup = NetworkSetup.ForThisMachine(logger);
        return await NetworkHelperServer.RunAsync(userId, socketPath, setup, Console.Out, logger, cancellationToken, LauncherWatch(launcherPid)).ConfigureAwait(false);
    }

    // A zombie launcher has exited too (its parent may reap it late); its start time, read now while it
    // waits for the ready line, keeps a later process given the same id from passing for it.
    private static Func<bool>? LauncherWatch(int? launcherPid)
    {
        if (launcherPid is not { } pid || pid <= 0)
        {
            return null;
        }

        return ProcessStat.Read(pid) is { Exited: false } stat ? () => ProcessStat.IsRunning(pid, stat.StartTime) : () => false;
    }
}
