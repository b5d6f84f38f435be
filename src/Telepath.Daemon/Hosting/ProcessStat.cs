namespace Telepath.Daemon.Hosting;

/// <summary>
/// A process as /proc/PID/stat describes it: its state and its start time, which tells it apart from
/// a later process given the same id. Read rather than waited on: the processes watched this way
/// (the daemon, a helper's launcher) are not our children, and one that has exited stays a zombie
/// until its parent or init reaps it, which some inits do only every second or so.
/// </summary>
public readonly record struct ProcessStat(char State, string StartTime)
{
    /// <summary>It has exited: a zombie (or a dead process not yet gone from /proc).</summary>
    public bool Exited => State is 'Z' or 'X';

    /// <returns>Null when the process is gone or /proc does not describe it.</returns>
    public static ProcessStat? Read(int pid)
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
        return fields.Length > 19 && fields[0].Length == 1 ? new ProcessStat(fields[0][0], fields[19]) : null;
    }

    /// <summary>Whether <paramref name="pid"/> still runs (not a zombie); when <paramref name="startTime"/> is given, as that same process.</summary>
    public static bool IsRunning(int pid, string? startTime = null) =>
        Read(pid) is { Exited: false } stat && (startTime is null || stat.StartTime == startTime);
}
