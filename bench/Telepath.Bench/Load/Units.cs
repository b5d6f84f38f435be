using System.Globalization;

namespace Telepath.Bench.Load;

/// <summary>Reads the numbers load generators print.</summary>
internal static class Units
{
    /// <summary>wrk's "52.00us", "1.23ms", "2.00s" in milliseconds.</summary>
    public static double Milliseconds(string text)
    {
        (string suffix, double scale)[] units = [("us", 0.001), ("ms", 1), ("m", 60_000), ("s", 1000)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Number(text[..^suffix.Length]) * scale;
            }
        }

        throw new BenchException($"not a duration: \"{text}\"");
    }

    public static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BenchException($"not a number: \"{text}\"");
}
