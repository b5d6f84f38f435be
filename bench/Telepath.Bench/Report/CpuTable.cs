using Telepath.Bench.Load;

namespace Telepath.Bench.Report;

/// <summary>
/// Where the time goes: CPU microseconds per request of each process in the 16-connection run. On a
/// machine whose CPUs are all busy during that run, throughput is the machine's CPU divided by the
/// sum of this row, so a row's cost explains its req/s.
/// </summary>
internal static class CpuTable
{
    private static readonly string[] Columns = ["apps", "agent", "manager", "daemon"];

    public static void Print(TextWriter output, IReadOnlyList<RowResult> rows)
    {
        output.WriteLine("CPU per request in the 16-connection GET run, microseconds (apps = this process, which hosts both sample apps)");
        output.WriteLine($"{"row",-34}  {string.Join(" ", Columns.Select(c => $"{c,8}"))}  {"wrk+rest",8}  {"sum",8}   machine busy");
        foreach (var row in rows)
        {
            var usage = row.Cpu;
            var perRequest = 1e6 / Math.Max(1, row.Requests);
            var ours = Columns.Sum(c => usage.ProcessSeconds.GetValueOrDefault(c));
            var cells = Columns.Select(c => usage.ProcessSeconds.TryGetValue(c, out var s) ? $"{s * perRequest,8:0}" : $"{"-",8}");
            var busyShare = usage.MachineSeconds > 0 ? usage.MachineBusySeconds / usage.MachineSeconds : 0;
            output.WriteLine(
                $"{row.Target.Row + " " + row.Target.Description,-34}  {string.Join(" ", cells)}  {(usage.MachineBusySeconds - ours) * perRequest,8:0}  " +
                $"{usage.MachineBusySeconds * perRequest,8:0}   {busyShare,5:P0} of {Environment.ProcessorCount} CPUs");
        }
    }
}
