using System.Globalization;

namespace Telepath.Bench.Report;

/// <summary>
/// CPU time each process of the path spends during a load run, from /proc. Divided by the requests
/// served it says where the time goes, and unlike wall-clock figures it barely moves when other work
/// shares the machine. Linux only; elsewhere it reads nothing.
/// </summary>
internal sealed class CpuMeter(Func<IReadOnlyList<(string Name, int Pid)>> processes)
{
    // USER_HZ: /proc reports CPU time in these ticks; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100;

    public sealed record Sample(IReadOnlyDictionary<string, long> ProcessTicks, long MachineBusyTicks, long MachineTotalTicks);

    /// <summary>CPU seconds per process over an interval, and the machine's busy CPU seconds (all processes).</summary>
    public sealed record Usage(IReadOnlyDictionary<string, double> ProcessSeconds, double MachineBusySeconds, double MachineSeconds);

    public Sample Take()
    {
        var ticks = new Dictionary<string, long>();
        foreach (var (name, pid) in processes())
        {
            if (ProcessTicks(pid) is { } t)
            {
                ticks[name] = t;
            }
        }

        var (busy, total) = MachineTicks();
        return new Sample(ticks, busy, total);
    }

    public static Usage Between(Sample before, Sample after)
    {
        var seconds = after.ProcessTicks
            .Where(p => before.ProcessTicks.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => (p.Value - before.ProcessTicks[p.Key]) / TicksPerSecond);
        return new Usage(seconds, (after.MachineBusyTicks - before.MachineBusyTicks) / TicksPerSecond, (after.MachineTotalTicks - before.MachineTotalTicks) / TicksPerSecond);
    }

    public static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>utime + stime of all the process's threads: fields 14 and 15 of /proc/PID/stat, counted after the ")" of the command name.</summary>
    public static long? ProcessTicks(int pid) => StatTicks($"/proc/{pid}/stat", 11);

    /// <summary>
    /// cutime + cstime of this process (fields 16 and 17): the CPU of its children that have exited and
    /// been waited for, so the difference around one command run to its end is that command's CPU.
    /// </summary>
    public static long? WaitedChildrenTicks() => StatTicks("/proc/self/stat", 13);

    private static long? StatTicks(string path, int first)
    {
        try
        {
            var stat = File.ReadAllText(path);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[first + 1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The "cpu" line of /proc/stat: busy = everything but idle and iowait.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = cpu.Sum();
            return (total - cpu[3] - cpu[4], total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}
