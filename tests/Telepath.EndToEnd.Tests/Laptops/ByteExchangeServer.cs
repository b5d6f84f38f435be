using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Telepath.EndToEnd.Tests.Clients;

namespace Telepath.EndToEnd.Tests.Laptops;

/// <summary>What a <see cref="ByteExchangeServer"/> read from one exchange: the upload's size and SHA-256, or how it broke.</summary>
public sealed record ExchangeReceipt(long Bytes, string Sha256, string? Failure);

/// <summary>
/// A plain TCP server on the laptop, not HTTP: for each <see cref="ByteExchange"/> it sends the
/// pseudo-random bytes asked for while it hashes the upload, and half-closes once both are done, as a
/// server that answers a request does. What it read is kept by the exchange's tag, so a test can check
/// the upload arrived whole.
/// </summary>
/// <param name="halfClosesFirst">Half-close as soon as the bytes are sent, whatever the client still sends.</param>
public sealed class ByteExchangeServer(bool halfClosesFirst) : IAsyncDisposable
{
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<ExchangeReceipt>> _receipts = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private Task _accepting = Task.CompletedTask;

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static ByteExchangeServer Start(bool halfClosesFirst = false)
    {
        var server = new ByteExchangeServer(halfClosesFirst);
        server._listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server._listener.Listen(512);
        server._accepting = server.AcceptAsync();
        return server;
    }

    /// <summary>What the exchange tagged <paramref name="tag"/> uploaded, once its upload ended.</summary>
    public Task<ExchangeReceipt> ReceiptAsync(Guid tag, TimeSpan bound) => Receipt(tag).Task.WaitAsync(bound);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        await Task.WhenAll(_connections.Keys);
        _stop.Dispose();
    }

    private TaskCompletionSource<ExchangeReceipt> Receipt(Guid tag) =>
        _receipts.GetOrAdd(tag, _ => new TaskCompletionSource<ExchangeReceipt>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                var connection = ServeAsync(socket);
                _connections[connection] = true;
                _ = connection.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var header = new byte[ExchangeHeader.Length];
            try
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
            {
                return;
            }

            if (ExchangeHeader.Read(header) is not { } asked)
            {
                return;
            }

            var (tag, download) = asked;
            var reading = CountAndHashAsync(stream);
            string? failure = null;
            try
            {
                await BulkBytes.WriteAsync(stream, download, progress: null, _stop.Token);
                if (!halfClosesFirst)
                {
                    await reading;
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                failure = $"sending: {e.Message}";
            }

            var (bytes, sha256, readFailure) = await reading;
            Receipt(tag).TrySetResult(new ExchangeReceipt(bytes, sha256, failure ?? readFailure));
        }
    }

    private async Task<(long Bytes, string Sha256, string? Failure)> CountAndHashAsync(NetworkStream stream)
    {
        long bytes = 0;
        try
        {
            var sha256 = await BulkBytes.ReadToEndAsync(stream, read => bytes += read, _stop.Token);
            return (bytes, sha256, null);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return (bytes, "", $"reading: {e.Message}");
        }
    }
}
