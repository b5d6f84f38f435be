using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>
/// Joins two tunnel requests: each one's request body is copied into the other's response body, as
/// bytes, without looking at them. A request body's end (END_STREAM) completes the other response (the
/// half-close travels on); a reset or a failure on either side aborts both (RST_STREAM both ways).
/// </summary>
internal static class TunnelJoin
{
    public static async Task<RelayOutcome> RunAsync(HttpContext a, HttpContext b, CancellationToken stopping)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(a.RequestAborted, b.RequestAborted, stopping);
        var aToB = CopyAsync(a.Request.BodyReader, b.Response, a, b, cut.Token);
        var bToA = CopyAsync(b.Request.BodyReader, a.Response, a, b, cut.Token);
        if (await aToB.ConfigureAwait(false) & await bToA.ConfigureAwait(false))
        {
            return RelayOutcome.Completed;
        }

        return stopping.IsCancellationRequested ? RelayOutcome.Cancelled : RelayOutcome.Aborted;
    }

    private static async Task<bool> CopyAsync(PipeReader source, HttpResponse destination, HttpContext a, HttpContext b, CancellationToken cut)
    {
        if (await PumpAsync(source, destination, cut).ConfigureAwait(false))
        {
            return true;
        }

        // Either side failing resets both streams, so neither end waits for a direction that will not finish.
        a.Abort();
        b.Abort();
        return false;
    }

    /// <returns>True when the source half-closed and the half-close was passed on.</returns>
    private static async Task<bool> PumpAsync(PipeReader source, HttpResponse destination, CancellationToken cut)
    {
        var output = destination.BodyWriter;
        try
        {
            while (true)
            {
                var result = await source.ReadAsync(cut).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    foreach (var segment in buffer)
                    {
                        output.Write(segment.Span);
                    }

                    var flush = await output.FlushAsync(cut).ConfigureAwait(false);
                    if (flush.IsCanceled || flush.IsCompleted)
                    {
                        return false;
                    }
                }

                source.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    await destination.CompleteAsync().ConfigureAwait(false);
                    return true;
                }

                if (result.IsCanceled)
                {
                    return false;
                }
            }
        }
        catch (Exception)
        {
            // A reset stream, a dead connection or the manager stopping: all of them end the join.
            return false;
        }
    }
}
