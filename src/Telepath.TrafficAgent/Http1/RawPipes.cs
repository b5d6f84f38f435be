using System.IO.Pipelines;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// After a 101, the client and the upstream speak another protocol: their bytes are relayed both
/// ways until both have ended. An end (FIN) is passed on; a failure on either side ends both.
/// </summary>
internal static class RawPipes
{
    public static async Task RunAsync(IDuplexPipe client, IDuplexPipe upstream)
    {
        using var cut = new CancellationTokenSource();
        await Task.WhenAll(CopyAsync(client.Input, upstream.Output, cut), CopyAsync(upstream.Input, client.Output, cut)).ConfigureAwait(false);
    }

    private static async Task CopyAsync(PipeReader source, PipeWriter destination, CancellationTokenSource cut)
    {
        try
        {
            while (true)
            {
                var result = await source.ReadAsync(cut.Token).ConfigureAwait(false);
                var sent = await BodyCopier.SendAsync(destination, result.Buffer, cut.Token).ConfigureAwait(false);
                source.AdvanceTo(result.Buffer.End);
                if (!sent || result.IsCanceled)
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    await destination.CompleteAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception)
        {
            // A reset on either side: the other direction is cut below.
        }

        await cut.CancelAsync().ConfigureAwait(false);
    }
}
