using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Telepath.Bench.Report;

/// <summary>The machine line printed above the figures (and copied into bench/README.md with them).</summary>
internal static partial class Machine
{
    public static string Describe()
    {
        var model = Read("/proc/cpuinfo", ModelName()) ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = Read("/proc/meminfo", MemTotal()) is { } kb ? $"{long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / (1024.0 * 1024):0.0} GiB" : "unknown";
        return $"{Environment.ProcessorCount} CPUs ({model}), {memory} memory, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    /// <summary>The 1-minute load average: figures taken while other work runs on the machine are not comparable.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Read(string file, Regex pattern)
    {
        try
        {
            return pattern.Match(File.ReadAllText(file)) is { Success: true } match ? match.Groups[1].Value.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^model name\s*:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ModelName();

    [GeneratedRegex(@"^MemTotal:\s*(\d+) kB", RegexOptions.Multiline)]
    private static partial Regex MemTotal();
}
