using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;
using Xunit.Abstractions;

namespace Telepath.EndToEnd.Tests.DataPlane;

/// <summary>
/// Issue 11: many short connections through a global intercept, each its own tunnel (an agent stream
/// joined to a laptop standby, and a socket to the laptop app), must leave nothing behind in the
/// manager, the agent or the daemon. The second 500 are compared with the first 500, so whatever a
/// process grows once under load (thread pool, buffer pools, the collector's budget) is in both.
/// </summary>
[Collection(DataPlaneCollection.Name)]
public sealed class ConnectionLeakTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int Half = 500;
    private const int InParallel = 4;
    private const int Bytes = 4096;

    // What may differ between the two halves with nothing leaking. A leak of one descriptor, thread or
    // stream per connection would add 500; of 8 KiB per connection (one tunnel's objects) 4 MB of heap.
    private const int OpenFilesSlack = 16;
    private const int ThreadsSlack = 16;
    private const int StreamsSlack = 4;
    private const long HeapSlack = 3 * ProcessFootprint.Megabyte;
    private const long ResidentSlack = 32 * ProcessFootprint.Megabyte;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_thousand_short_connections_through_a_global_intercept_leave_no_streams_open_files_threads_or_memory_behind()
    {
        await using var server = ByteExchangeServer.Start();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{server.Port}");
        await Poll.UntilEqualAsync("laptop", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        // The manager serves each tunnel as an HTTP/2 request; the agent and the daemon open theirs as HTTP/2 client requests.
        await using var manager = await WatchedProcess.StartAsync("manager", cluster.Manager.Id, "Microsoft.AspNetCore.Hosting");
        await using var agent = await WatchedProcess.StartAsync("agent", cluster.Agent.Id, "System.Net.Http");
        await using var daemon = await WatchedProcess.StartAsync("daemon", laptop.DaemonPid, "System.Net.Http");
        WatchedProcess[] processes = [manager, agent, daemon];

        await ConnectAsync(server, Half);
        var half = await ReadAsync(processes);
        await ConnectAsync(server, Half);
        var end = await ReadAsync(processes);

        Report(half, end);
        await Poll.UntilAsync(
            async () => Grown(half, end = await ReadAsync(processes)).Count == 0,
            () => $"nothing grows from {Half} to {2 * Half} connections: {string.Join("; ", Grown(half, end))}");
    }

    /// <summary>Opens <paramref name="count"/> connections, a few at a time, each a small exchange that must reach the laptop whole.</summary>
    private async Task ConnectAsync(ByteExchangeServer server, int count)
    {
        var left = count;
        var failures = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, InParallel).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var exchange = new ByteExchange(upload: Bytes, download: Bytes);
                var result = await exchange.RunAsync(cluster.Service, Bound);
                var receipt = await server.ReceiptAsync(exchange.Tag, Bound);
                if (result.Failure is not null || result.TimedOut || result.ReceivedSha256 != BulkBytes.Sha256(Bytes) || receipt.Sha256 != BulkBytes.Sha256(Bytes))
                {
                    lock (failures)
                    {
                        failures.Add($"{result} / {receipt}");
                    }
                }
            }
        }));
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} connections failed, e.g. {failures.FirstOrDefault()}\n{cluster.Logs()}");
    }

    private static async Task<Dictionary<string, WatchedProcess.Reading>> ReadAsync(WatchedProcess[] processes)
    {
        var readings = new Dictionary<string, WatchedProcess.Reading>();
        foreach (var process in processes)
        {
            readings[process.Name] = await process.ReadAsync(Bound);
        }

        return readings;
    }

    private static List<string> Grown(Dictionary<string, WatchedProcess.Reading> before, Dictionary<string, WatchedProcess.Reading> after) =>
        [.. before.Keys.SelectMany(name => Growth(name, before[name], after[name]))];

    private static IEnumerable<string> Growth(string name, WatchedProcess.Reading before, WatchedProcess.Reading after)
    {
        if (after.LiveStreams > before.LiveStreams + StreamsSlack)
        {
            yield return $"{name}: live HTTP/2 streams {before.LiveStreams} -> {after.LiveStreams}";
        }

        if (after.Footprint.OpenFiles > before.Footprint.OpenFiles + OpenFilesSlack)
        {
            yield return $"{name}: open files {before.Footprint.OpenFiles} -> {after.Footprint.OpenFiles}";
        }

        if (after.Footprint.Threads > before.Footprint.Threads + ThreadsSlack)
        {
            yield return $"{name}: threads {before.Footprint.Threads} -> {after.Footprint.Threads}";
        }

        if (after.ManagedHeap > before.ManagedHeap + HeapSlack)
        {
            yield return $"{name}: managed heap after a full collection {Megabytes(before.ManagedHeap)} -> {Megabytes(after.ManagedHeap)} MiB";
        }

        if (after.Footprint.ResidentBytes > before.Footprint.ResidentBytes + ResidentSlack)
        {
            yield return $"{name}: resident memory {Megabytes(before.Footprint.ResidentBytes)} -> {Megabytes(after.Footprint.ResidentBytes)} MiB";
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / (double)ProcessFootprint.Megabyte:0.0}";

    private void Report(Dictionary<string, WatchedProcess.Reading> half, Dictionary<string, WatchedProcess.Reading> end)
    {
        foreach (var name in half.Keys)
        {
            output.WriteLine($"{name}: after {Half}: {half[name]}; after {2 * Half}: {end[name]}");
        }
    }
}
