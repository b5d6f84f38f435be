using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Telepath.Tunnels.Relays;

namespace Telepath.TrafficManager.Outbound;

/// <summary>
/// Joins a laptop's outbound tunnel to the socket the manager dialed: the request body goes to the
/// socket, the socket's bytes into the response body. A FIN is a half-close each way (END_STREAM);
/// a reset on either side resets the other (RST_STREAM, or a TCP RST to the destination).
/// </summary>
internal static class SocketJoin
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<RelayOutcome> RunAsync(HttpContext laptop, Socket destination, CancellationToken stopping)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(laptop.RequestAborted, stopping);
        var up = CopyAsync(ToSocketAsync(laptop, destination, cut.Token), laptop, destination);
        var down = CopyAsync(FromSocketAsync(destination, laptop.Response, cut.Token), laptop, destination);
        if (await up.ConfigureAwait(false) & await down.ConfigureAwait(false))
        {
            return RelayOutcome.Completed;
        }

        return stopping.IsCancellationRequested ? RelayOutcome.Cancelled : RelayOutcome.Aborted;
    }

    private static async Task<bool> CopyAsync(Task<bool> pump, HttpContext laptop, Socket destination)
    {
        bool closed;
        try
        {
            closed = await pump.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A reset from either end, or the manager stopping.
            closed = false;
        }

        if (!closed)
        {
            laptop.Abort();
            Reset(destination);
        }

        return closed;
    }

    private static async Task<bool> ToSocketAsync(HttpContext laptop, Socket destination, CancellationToken cut)
    {
        var source = laptop.Request.BodyReader;
        while (true)
        {
            var result = await source.ReadAsync(cut).ConfigureAwait(false);
            foreach (var segment in result.Buffer)
            {
                var sent = 0;
                while (sent < segment.Length)
                {
                    sent += await destination.SendAsync(segment[sent..], SocketFlags.None, cut).ConfigureAwait(false);
                }
            }

            source.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                destination.Shutdown(SocketShutdown.Send);
                return true;
            }

            if (result.IsCanceled)
            {
                return false;
            }
        }
    }

    private static async Task<bool> FromSocketAsync(Socket destination, HttpResponse laptop, CancellationToken cut)
    {
        var output = laptop.BodyWriter;
        while (true)
        {
            var memory = output.GetMemory(ChunkSize);
            var n = await destination.ReceiveAsync(memory, SocketFlags.None, cut).ConfigureAwait(false);
            if (n == 0)
            {
                await laptop.CompleteAsync().ConfigureAwait(false);
                return true;
            }

            output.Advance(n);
            var flush = await output.FlushAsync(cut).ConfigureAwait(false);
            if (flush.IsCanceled || flush.IsCompleted)
            {
                return false;
            }
        }
    }

    /// <summary>Linger 0 makes the close a TCP RST: the destination sees the laptop's abort as one.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
