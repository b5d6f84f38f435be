namespace Telepath.Bench.Kube;

/// <summary>
/// Wall times of one command repeated (the median says what a user usually waits, the max what they
/// wait at worst) and, where measured, the CPU each run cost.
/// </summary>
internal sealed class TimingSeries
{
    private readonly List<TimeSpan> _samples = [];
    private readonly List<TimeSpan> _cpu = [];

    public int Count => _samples.Count;

    public TimeSpan Max => _samples.Count == 0 ? TimeSpan.Zero : _samples.Max();

    public TimeSpan Median => MedianOf(_samples);

    /// <summary>The median CPU of the runs; null when none was measured.</summary>
    public TimeSpan? CpuMedian => _cpu.Count == 0 ? null : MedianOf(_cpu);

    public void Add(TimeSpan sample, TimeSpan? cpu = null)
    {
        _samples.Add(sample);
        if (cpu is { } c)
        {
            _cpu.Add(c);
        }
    }

    private static TimeSpan MedianOf(List<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = samples.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
