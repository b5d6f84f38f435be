using System.Net;

namespace Telepath.Bench.Load;

/// <summary>
/// Where one row's load goes and who must answer it. Every request of every row carries
/// <see cref="BenchHeader"/>, so the rows send identical bytes and only the route differs.
/// </summary>
internal sealed record Target(string Row, string Description, IPEndPoint EndPoint, string ServedBy)
{
    public const string BenchHeaderName = "x-bench";
    public const string BenchHeaderValue = "1";
    public const string BenchHeader = $"{BenchHeaderName}: {BenchHeaderValue}";

    /// <summary>The keep-alive GET of the throughput and latency runs: a 1 KiB body.</summary>
    public string SmallGet => $"http://{EndPoint}/download?bytes=1024";

    /// <summary>The bulk GET of the download runs: <paramref name="bytes"/> pseudo-random bytes.</summary>
    public LoadPath LargeGet(long bytes) => new(Row, $"http://{EndPoint}/download?bytes={bytes}");

    public string Upload => $"http://{EndPoint}/upload";

    public string Root => $"http://{EndPoint}/";
}
