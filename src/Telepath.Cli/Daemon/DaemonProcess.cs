using System.Globalization;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;

namespace Telepath.Cli.Daemon;

/// <summary>The daemon's process as its pid file names it, told apart from a later process given the same id by its start time.</summary>
internal sealed record DaemonProcess(int Pid, string StartTime)
{
    /// <returns>Null when the pid file or the process is gone, or /proc does not describe it.</returns>
    public static DaemonProcess? Find(DaemonPaths paths)
    {
        try
        {
            return int.TryParse(File.ReadAllText(paths.PidFile).Trim(), CultureInfo.InvariantCulture, out var pid)
                && ProcessStat.Read(pid) is { Exited: false } stat
                    ? new DaemonProcess(pid, stat.StartTime)
                    : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>False once it has exited (a zombie has), or its id is another process's now.</summary>
    public bool IsRunning() => ProcessStat.IsRunning(Pid, StartTime);
}
