namespace Telepath.Bench.Load;

/// <summary>
/// A few runs of one bulk transfer, or why it failed. A path that truncates or corrupts data gets no
/// figure, but the run goes on, so the other figures of the same path and of the other paths still print.
/// </summary>
/// <param name="Runs">MB/s (10^6 bytes) of each measured run.</param>
internal sealed record Transfer(IReadOnlyList<double> Runs, string? Failure)
{
    /// <summary>The median of the runs; null when the transfer failed.</summary>
    public double? MegabytesPerSecond => Failure is null && Runs.Count > 0 ? Median.Of([.. Runs]) : null;

    public static Transfer Failed(string failure) => new([], failure);

    /// <param name="warmUp">Whether one unmeasured run goes first.</param>
    /// <param name="once">One transfer, its MB/s; it throws <see cref="BenchException"/> when the data did not arrive intact.</param>
    public static async Task<Transfer> MeasureAsync(int runs, bool warmUp, Func<Task<double>> once)
    {
        try
        {
            if (warmUp)
            {
                await once();
            }

            var measured = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                measured.Add(await once());
            }

            return new Transfer(measured, null);
        }
        catch (BenchException e)
        {
            return Failed(e.Message);
        }
    }
}
