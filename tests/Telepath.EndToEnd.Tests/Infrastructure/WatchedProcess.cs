using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One of Telepath's processes watched for leaks: its live HTTP requests (each tunnel is an HTTP/2
/// stream) from its runtime's counters, its managed heap after a full collection, and its /proc footprint.
/// </summary>
public sealed class WatchedProcess : IAsyncDisposable
{
    private readonly int _pid;
    private readonly string _provider;
    private readonly RuntimeCounters _counters;

    private WatchedProcess(string name, int pid, string provider, RuntimeCounters counters)
    {
        Name = name;
        _pid = pid;
        _provider = provider;
        _counters = counters;
    }

    public string Name { get; }

    /// <param name="provider">Whose "current-requests" counts its streams: "Microsoft.AspNetCore.Hosting" for a server, "System.Net.Http" for a client.</param>
    public static async Task<WatchedProcess> StartAsync(string name, int pid, string provider) =>
        new(name, pid, provider, await RuntimeCounters.StartAsync(pid, provider));

    /// <summary>Live streams, then the heap (its full collection also lets the resident memory settle), then the footprint.</summary>
    public async Task<Reading> ReadAsync(TimeSpan bound)
    {
        var streams = await _counters.NextAsync(_provider, "current-requests", bound);
        var heap = await ManagedHeap.AfterFullCollectionAsync(_pid, bound);
        return new Reading(streams, heap, ProcessFootprint.Of(_pid));
    }

    public ValueTask DisposeAsync() => _counters.DisposeAsync();

    /// <param name="LiveStreams">HTTP requests in flight that started while watched.</param>
    /// <param name="ManagedHeap">Bytes on the managed heap after a full collection.</param>
    public sealed record Reading(double LiveStreams, long ManagedHeap, ProcessFootprint Footprint)
    {
        public override string ToString() =>
            $"{LiveStreams:0} live streams, {ManagedHeap / (double)ProcessFootprint.Megabyte:0.0} MiB managed heap, {Footprint}";
    }
}
