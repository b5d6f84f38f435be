using Telepath.Bench.Report;

namespace Telepath.Bench.Kube;

/// <summary>
/// CPU time a command cost: its own (an exited child of the bench) plus the daemon's over the same
/// interval (the daemon is not our child: the CLI starts it detached). Unlike the wall time it
/// barely moves when other work shares the machine, so it says what a quiet machine would wait.
/// </summary>
internal sealed class CpuClock(Func<int?> daemonPid)
{
    public Reading Read()
    {
        var pid = daemonPid();
        return new Reading(CpuMeter.WaitedChildrenTicks(), pid, pid is { } p ? CpuMeter.ProcessTicks(p) : null);
    }

    /// <returns>Null where /proc cannot tell (not Linux).</returns>
    public static TimeSpan? Between(Reading before, Reading after)
    {
        if (before.ChildTicks is not { } childBefore || after.ChildTicks is not { } childAfter)
        {
            return null;
        }

        // A daemon that started during the command (connect after quit) counts from zero.
        var daemonBefore = before.DaemonPid == after.DaemonPid ? before.DaemonTicks ?? 0 : 0;
        var daemon = after.DaemonTicks is { } daemonAfter ? daemonAfter - daemonBefore : 0;
        return CpuMeter.FromTicks(childAfter - childBefore + daemon);
    }

    public sealed record Reading(long? ChildTicks, int? DaemonPid, long? DaemonTicks);
}
