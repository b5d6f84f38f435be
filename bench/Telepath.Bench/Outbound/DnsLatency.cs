using Telepath.Bench.Processes;

namespace Telepath.Bench.Outbound;

/// <summary>Lookup latency of one name from one namespace: the median and p95 of dns_latency.py's timed getaddrinfo calls.</summary>
internal static class DnsLatency
{
    public const int Lookups = 300;

    public sealed record Result(double MedianMs, double P95Ms);

    public static async Task<Result> MeasureAsync(string namespaceName, string name, string expectedAddress, CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Outbound", "dns_latency.py");
        var result = await Commands.RunAsync(
            "ip", ["netns", "exec", namespaceName, "/usr/bin/python3", script, name, $"{Lookups}", expectedAddress], TimeSpan.FromSeconds(60), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new BenchException($"looking up {name} in {namespaceName} failed\n{result}");
        }

        var samples = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Load.Units.Number).Order().ToList();
        return samples.Count == Lookups
            ? new Result(samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1])
            : throw new BenchException($"dns_latency.py printed {samples.Count} timings, not {Lookups}\n{result}");
    }
}
