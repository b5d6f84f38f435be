using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Telepath.Daemon.Kubernetes;

/// <summary>
/// One port-forward WebSocket (<c>v4.channel.k8s.io</c>, one port) as a byte stream, fully
/// asynchronous: reads and writes never block a thread, and a read may run while a write does (an
/// HTTP/2 connection always has a read pending). Each WebSocket message is a channel byte and a
/// payload: channel 0 carries the pod port's bytes, channel 1 the API server's error text. The first
/// two bytes each channel carries are its port number, not data.
/// </summary>
internal sealed class PortForwardStream(WebSocket socket) : Stream
{
    private const byte DataChannel = 0;
    private const byte ErrorChannel = 1;
    private const int PortPrefix = 2;
    private const int MaxErrorBytes = 4096;

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> _error = new();
    private bool _atMessageStart = true;
    private byte _channel;
    private int _dataPrefixLeft = PortPrefix;
    private int _errorPrefixLeft = PortPrefix;
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_ended && !buffer.IsEmpty)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                _ended = true;
                break;
            }

            var payload = buffer[..result.Count];
            if (_atMessageStart && !payload.IsEmpty)
            {
                _channel = payload.Span[0];
                payload = payload[1..];
                _atMessageStart = false;
            }

            if (result.EndOfMessage)
            {
                _atMessageStart = true;
            }

            if (_channel == DataChannel)
            {
                var skip = Math.Min(_dataPrefixLeft, payload.Length);
                _dataPrefixLeft -= skip;
                payload = payload[skip..];
                if (!payload.IsEmpty)
                {
                    // The payload starts after the channel byte (and any port bytes): move it to the front.
                    payload.CopyTo(buffer);
                    return payload.Length;
                }
            }
            else if (_channel == ErrorChannel)
            {
                ReadError(payload.Span, result.EndOfMessage);
            }
        }

        return 0;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var message = ArrayPool<byte>.Shared.Rent(buffer.Length + 1);
        try
        {
            message[0] = DataChannel;
            buffer.CopyTo(message.AsMemory(1));
            // A WebSocket takes one send at a time, and a message must go whole: the API server reads
            // each one as a channel byte and its payload.
            await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(message.AsMemory(0, buffer.Length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (WebSocketException e)
        {
            throw new IOException($"the port-forward to the traffic manager broke: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The port-forward is asynchronous only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The port-forward is asynchronous only.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Abort();
            socket.Dispose();
            _sending.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The API server names a failure (the pod went away, nothing listens on the port) on the error channel.</summary>
    private void ReadError(ReadOnlySpan<byte> payload, bool endOfMessage)
    {
        var skip = Math.Min(_errorPrefixLeft, payload.Length);
        _errorPrefixLeft -= skip;
        payload = payload[skip..];
        _error.Write(payload[..Math.Min(payload.Length, MaxErrorBytes - _error.WrittenCount)]);
        if (endOfMessage && _error.WrittenCount > 0)
        {
            var message = Encoding.UTF8.GetString(_error.WrittenSpan);
            _error.Clear();
            throw new IOException($"the port-forward to the traffic manager failed: {message}");
        }
    }
}
