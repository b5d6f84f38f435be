using System.Text.RegularExpressions;
using Telepath.Bench.Processes;

namespace Telepath.Bench.Load;

/// <summary>
/// HTTP/2 cleartext with prior knowledge (what gRPC clients speak): 4 connections, 10 streams
/// each, a fixed number of requests. Every request must succeed with a 2xx.
/// </summary>
internal static partial class H2Load
{
    public const int Requests = 20_000;

    public static async Task<double> RequestsPerSecondAsync(Target target, CancellationToken cancellationToken)
    {
        var result = await Commands.RunAsync(
            "h2load",
            ["-n", Requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "4", "-m", "10", "-H", Target.BenchHeader, target.SmallGet],
            TimeSpan.FromSeconds(60),
            cancellationToken);
        var succeeded = Succeeded().Match(result.Stdout);
        var ok = Status2xx().Match(result.Stdout);
        if (result.ExitCode != 0 || !succeeded.Success || !ok.Success
            || succeeded.Groups[1].Value != $"{Requests}" || ok.Groups[1].Value != $"{Requests}")
        {
            throw new BenchException($"h2load did not get {Requests} 2xx answers on {target.Row}\n{result}");
        }

        return Units.Number(Finished().Match(result.Stdout).Groups[1].Value);
    }

    [GeneratedRegex(@"finished in \S+, ([0-9.]+) req/s")]
    private static partial Regex Finished();

    [GeneratedRegex(@"(\d+) succeeded")]
    private static partial Regex Succeeded();

    [GeneratedRegex(@"status codes: (\d+) 2xx")]
    private static partial Regex Status2xx();
}
