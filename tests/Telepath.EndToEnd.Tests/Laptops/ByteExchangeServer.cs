using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Telepath.EndToEnd.Tests.Clients;

namespace Telepath.EndToEnd.Tests.Laptops;

/// <summary>What a <see cref="ByteExchangeServer"/> read from one exchange: the upload's size and SHA-256, or how it broke.</summary>
public sealed record ExchangeReceipt(long Bytes, string Sha256, string? Failure);

/// <summary>
/// A plain TCP server on the laptop, not HTTP: for each <see cref="ByteExchange"/> it sends the
/// pseudo-random bytes asked for and half-closes, while it hashes the upload to its end. What it read
/// is kept by the exchange's tag, so a test can check the upload arrived whole.
/// </summary>
public sealed class ByteExchangeServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<ExchangeReceipt>> _receipts = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _accepting;
    private int _accepted;

    private ByteExchangeServer(Socket listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public static ByteExchangeServer Start()
    {
        var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        return new ByteExchangeServer(listener);
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
                Interlocked.Increment(ref _accepted);
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

            var sending = SendAsync(stream, socket, download);
            var reading = CountAndHashAsync(stream);
            string? failure = null;
            try
            {
                await sending;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                failure = $"sending: {e.Message}";
            }

            var (bytes, sha256, readFailure) = await reading;
            Receipt(tag).TrySetResult(new ExchangeReceipt(bytes, sha256, failure ?? readFailure));
        }
    }

    private async Task SendAsync(NetworkStream stream, Socket socket, long download)
    {
        await BulkBytes.WriteAsync(stream, download, progress: null, _stop.Token);
        socket.Shutdown(SocketShutdown.Send);
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
