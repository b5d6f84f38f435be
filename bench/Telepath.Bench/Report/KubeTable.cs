using Telepath.Bench.Kube;

namespace Telepath.Bench.Report;

/// <summary>
/// The Kubernetes section's table: median and max wall time of each command, each also as a
/// multiple of kubectl's median round trip to the same server, the CPU a run cost, and the issue's
/// aim where it sets one.
/// </summary>
internal sealed record KubeTable(int Runs, string? Kubectl, TimingSeries Baseline, IReadOnlyList<KubeTiming> Timings)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"Kubernetes mode: the real telepath against the Kubernetes API test server (manager and agent pods as processes), {Runs} runs of each repeated command");
        output.WriteLine($"{"command (process start to exit)",-68} {"median",9} {"max",9}   {"x kubectl",9} {"(max)",6}   {"CPU",7}   aim     met");
        var reference = Kubectl is null ? (TimeSpan?)null : Baseline.Median;
        if (Kubectl is not null)
        {
            Line(output, $"kubectl get deployment {OrdersWorkload.Name} (baseline)", Baseline, reference, aim: null);
        }

        foreach (var timing in Timings)
        {
            Line(output, timing.What, timing.Series, reference, timing.Aim);
        }

        output.WriteLine(Kubectl is null
            ? "  no kubectl on PATH: no baseline"
            : $"  baseline: {Kubectl}, one unmeasured call first (fills its discovery cache), then one after each connect");
        output.WriteLine("  CPU: median CPU seconds of the command's process plus the daemon's over the same time (the machine's other work barely changes it)");
        output.WriteLine("  met: \"yes\" when every run was under the aim, \"median only\" when the median was and the max was not");
    }

    private static void Line(TextWriter output, string what, TimingSeries series, TimeSpan? reference, TimeSpan? aim)
    {
        var repeated = series.Count > 1;
        var max = repeated ? Seconds(series.Max) : "";
        var ratio = reference is { } r && r > TimeSpan.Zero ? $"{series.Median / r,9:0.0}" : $"{"",9}";
        var maxRatio = repeated && reference is { } m && m > TimeSpan.Zero ? $"{series.Max / m,6:0.0}" : $"{"",6}";
        var cpu = series.CpuMedian is { } c ? Seconds(c) : "";
        var goal = aim is { } a ? $"< {a.TotalSeconds:0.#} s {Met(series, a)}" : "";
        output.WriteLine($"  {what,-66} {Seconds(series.Median),9} {max,9}   {ratio} {maxRatio}   {cpu,7}   {goal}".TrimEnd());
    }

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:0.000} s";

    private static string Met(TimingSeries series, TimeSpan aim) =>
        series.Max < aim ? "yes" : series.Median < aim ? "median only" : "MISSED";
}
