using Google.Protobuf;
using Grpc.Core;
using Telepath.Protocol.Manager;

namespace Telepath.Core.Tunnels;

/// <summary>
/// One tunneled TCP connection as a <see cref="Stream"/> over a <c>Tunnel</c> gRPC call, after its
/// open handshake. A read of 0 bytes means the peer half-closed; <see cref="ShutdownWriteAsync"/> is
/// our half-close. Used by both ends (agent and client), so HTTP clients and raw relays share it.
/// </summary>
public sealed class TunnelStream : Stream
{
    // Chunks larger than this are split so one connection cannot monopolise the shared HTTP/2 link.
    private const int MaxChunk = 64 * 1024;

    // How long a cleanly closed tunnel waits for the far end to finish the call before cancelling it.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly IAsyncStreamReader<TunnelMessage> _reader;
    private readonly IAsyncStreamWriter<TunnelMessage> _writer;
    private readonly Func<Task>? _completeWrites;
    private readonly IDisposable? _call;
    private ReadOnlyMemory<byte> _pending;
    private bool _readEnded;
    private bool _readFailed;
    private bool _callEnded;
    private bool _writeShut;
    private int _disposed;

    public TunnelStream(
        IAsyncStreamReader<TunnelMessage> reader,
        IAsyncStreamWriter<TunnelMessage> writer,
        Func<Task>? completeWrites = null,
        IDisposable? call = null)
    {
        _reader = reader;
        _writer = writer;
        _completeWrites = completeWrites;
        _call = call;
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pending.IsEmpty)
        {
            if (_readEnded)
            {
                return 0;
            }

            if (!await _reader.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                _readEnded = true;
                _callEnded = true;
                return 0;
            }

            var message = _reader.Current;
            switch (message.KindCase)
            {
                case TunnelMessage.KindOneofCase.Data:
                    _pending = message.Data.Memory;
                    break;
                case TunnelMessage.KindOneofCase.CloseWrite:
                    _readEnded = true;
                    return 0;
                case TunnelMessage.KindOneofCase.Error:
                    _readEnded = true;
                    _readFailed = true;
                    throw new TunnelException(message.Error.Code, message.Error.Message);
            }
        }

        var n = Math.Min(buffer.Length, _pending.Length);
        _pending[..n].CopyTo(buffer);
        _pending = _pending[n..];
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_writeShut)
        {
            throw new IOException("The tunnel was already closed for writing.");
        }

        while (!buffer.IsEmpty)
        {
            var chunk = buffer[..Math.Min(MaxChunk, buffer.Length)];
            // The writer serialises the message before its task completes, so wrapping without a copy is safe.
            await _writer.WriteAsync(new TunnelMessage { Data = UnsafeByteOperations.UnsafeWrap(chunk) }, cancellationToken).ConfigureAwait(false);
            buffer = buffer[chunk.Length..];
        }
    }

    /// <summary>Half-closes: the peer reads end-of-stream, and this side can still read.</summary>
    public async ValueTask ShutdownWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_writeShut)
        {
            return;
        }

        _writeShut = true;
        await _writer.WriteAsync(new TunnelMessage { CloseWrite = true }, cancellationToken).ConfigureAwait(false);
        if (_completeWrites is not null)
        {
            await _completeWrites().ConfigureAwait(false);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Tunnels are asynchronous only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Tunnels are asynchronous only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await ShutdownWriteAsync().ConfigureAwait(false);
            if (_call is not null && _readEnded && !_readFailed && !_callEnded)
            {
                await DrainAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or RpcException or InvalidOperationException or OperationCanceledException)
        {
            // The call is already over; there is nobody left to tell.
        }

        _call?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Both directions closed cleanly and this stream owns the call: let the far end finish it. Cancelling
    /// it at once resets the HTTP/2 stream, and the far end may then drop our last messages before it
    /// has relayed them. (A caller that keeps the call drains it itself; a second drain would fail.)
    /// </summary>
    private async Task DrainAsync()
    {
        using var timeout = new CancellationTokenSource(DrainTimeout);
        while (await _reader.MoveNext(timeout.Token).ConfigureAwait(false))
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _call?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Sends an error to the peer in place of data; used instead of a half-close when a dial fails.</summary>
    public static Task SendErrorAsync(IAsyncStreamWriter<TunnelMessage> writer, TunnelErrorCode code, string message, CancellationToken cancellationToken) =>
        writer.WriteAsync(new TunnelMessage { Error = new TunnelError { Code = code, Message = message } }, cancellationToken);
}
