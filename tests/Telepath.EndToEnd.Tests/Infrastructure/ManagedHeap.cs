using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Telepath.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The live managed heap of a running .NET process: over its diagnostics port, a session with the
/// GCHeapCollect keyword makes it run a full blocking collection (as dotnet-gcdump does), and the
/// generation sizes after it are what survived. Unlike resident memory, it does not depend on when
/// the collector last ran, so two readings can be compared closely.
/// </summary>
public static class ManagedHeap
{
    /// <returns>Bytes in all generations (and the large and pinned object heaps) after a full collection.</returns>
    public static async Task<long> AfterFullCollectionAsync(int pid, TimeSpan bound)
    {
        var keywords = ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect;
        using var session = await new DiagnosticsClient(pid).StartEventPipeSessionAsync(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)keywords)],
            requestRundown: false,
            circularBufferMB: 16,
            CancellationToken.None);
        using var source = new EventPipeEventSource(session.EventStream);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fullCollection = false;
        source.Clr.GCStart += data => fullCollection |= data.Depth == 2;
        source.Clr.GCHeapStats += data =>
        {
            if (fullCollection)
            {
                heap.TrySetResult(data.GenerationSize0 + data.GenerationSize1 + data.GenerationSize2 + data.GenerationSize3 + data.GenerationSize4);
            }
        };
        Task processing = Task.Run(() => source.Process());
        try
        {
            return await heap.Task.WaitAsync(bound);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
