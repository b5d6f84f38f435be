namespace Telepath.Bench.Load;

/// <summary>The figure a few repeated runs report: their median, which one disturbed run cannot move.</summary>
internal static class Median
{
    public static double Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
