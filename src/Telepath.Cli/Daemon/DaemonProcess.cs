using System.Globalization;
using Telepath.Daemon;

namespace Telepath.Cli.Daemon;

/// <summary>
/// The daemon's process as its pid file names it, told apart from a later process given the same id by
/// its start time. Read from /proc rather than waited on: the daemon is not our child, and once it has
/// exited it stays a zombie until init reaps it, which some inits do only every second or so.
/// </summary>
internal sealed record DaemonProcess(int Pid, string StartTime)
{
    /// <returns>Null when the pid file or the process is gone, or /proc does not describe it.</returns>
    public static DaemonProcess? Find(DaemonPaths paths)
    {
        try
        {
            return int.TryParse(File.ReadAllText(paths.PidFile).Trim(), CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { State: not ('Z' or 'X') } stat
                    ? new DaemonProcess(pid, stat.StartTime)
                    : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>False once it has exited (a zombie has), or its id is another process's now.</summary>
    public bool IsRunning() => Stat(Pid) is { State: not ('Z' or 'X') } stat && stat.StartTime == StartTime;

    private static (char State, string StartTime)? Stat(int pid)
    {
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        // state is field 3 of the whole line, starttime field 22.
        return fields.Length > 19 && fields[0].Length == 1 ? (fields[0][0], fields[19]) : null;
    }
}
