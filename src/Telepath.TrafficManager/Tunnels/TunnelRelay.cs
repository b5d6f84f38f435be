using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Tunnels;

/// <summary>
/// Relays the messages of two tunnel calls to each other unchanged. Each direction ends on its own
/// (a half-close); a call that ends without one aborts the connection, and the other side is told.
/// </summary>
internal static class TunnelRelay
{
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(1);

    public static async Task<TunnelOutcome> RunAsync(TunnelEnd a, TunnelEnd b, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var aToB = PumpAsync(a, b, cts);
        var bToA = PumpAsync(b, a, cts);
        var aClosed = await aToB.ConfigureAwait(false);
        var bClosed = await bToA.ConfigureAwait(false);
        if (aClosed && bClosed)
        {
            return TunnelOutcome.Completed;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return TunnelOutcome.Cancelled;
        }

        if (!aClosed)
        {
            await NotifyAbortedAsync(b).ConfigureAwait(false);
        }

        if (!bClosed)
        {
            await NotifyAbortedAsync(a).ConfigureAwait(false);
        }

        return TunnelOutcome.Aborted;
    }

    /// <returns>True when the source half-closed cleanly.</returns>
    private static async Task<bool> PumpAsync(TunnelEnd from, TunnelEnd to, CancellationTokenSource cts)
    {
        var halfClosed = false;
        try
        {
            while (await from.Reader.MoveNext(cts.Token).ConfigureAwait(false))
            {
                var message = from.Reader.Current;
                if (halfClosed && message.KindCase == TunnelMessage.KindOneofCase.Data)
                {
                    // Data after a half-close breaks the stream's contract; drop the connection.
                    break;
                }

                await to.Writer.WriteAsync(message, cts.Token).ConfigureAwait(false);
                halfClosed |= message.KindCase == TunnelMessage.KindOneofCase.CloseWrite;
            }
        }
        catch (Exception)
        {
            // A reset call, a cancelled relay or a failed write end this direction. After a clean
            // half-close the direction was complete, so a reset of the finished call is no abort.
        }

        if (!halfClosed)
        {
            await cts.CancelAsync().ConfigureAwait(false);
        }

        return halfClosed;
    }

    /// <summary>Tells a side, if it still listens, that the connection was cut, and why.</summary>
    internal static async Task NotifyAbortedAsync(TunnelEnd end, string message = "the other end of the tunnel went away")
    {
        try
        {
            using var timeout = new CancellationTokenSource(NoticeTimeout);
            await end.Writer.WriteAsync(
                new TunnelMessage { Error = new TunnelError { Code = TunnelErrorCode.Aborted, Message = message } },
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // That side is gone as well.
        }
    }
}
