using System.Buffers;
using System.Net;
using System.Text;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Wire;

namespace Telepath.Tunnels.Streams;

/// <summary>
/// One tunneled TCP connection as a <see cref="Stream"/> over one HTTP/2 request to the manager
/// (<see cref="TunnelWire"/>): writes go out in the request body, reads come from the response body.
/// A read of 0 bytes means the peer half-closed; <see cref="ShutdownWriteAsync"/> is our half-close
/// (END_STREAM). Disposing a tunnel that has not closed both ways aborts it (RST_STREAM). Writes may
/// start before the manager has answered; reads wait for the answer and throw its refusal.
/// </summary>
public sealed class TunnelStream : Stream
{
    private readonly HttpRequestMessage _request;
    private readonly TunnelContent _content;
    private readonly Task<HttpResponseMessage> _response;
    private readonly CancellationTokenSource _abort;
    private readonly bool _expectsDialReply;
    private Stream? _requestBody;
    private Stream? _responseBody;
    private bool _dialReplyRead;
    private bool _readEnded;
    private bool _writeShut;
    private int _disposed;

    internal TunnelStream(HttpRequestMessage request, TunnelContent content, Task<HttpResponseMessage> response, CancellationTokenSource abort, bool expectsDialReply)
    {
        _request = request;
        _content = content;
        _response = response;
        _abort = abort;
        _expectsDialReply = expectsDialReply;
        _ = response.ContinueWith(
            static (task, state) => ((TunnelContent)state!).Fail(task.Exception?.GetBaseException() ?? new OperationCanceledException()),
            content,
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The manager has answered (or the request failed): <see cref="AnswerAsync"/> returns at once.</summary>
    public bool Answered => _response.IsCompleted;

    /// <summary>Both directions ended cleanly: disposing will not abort.</summary>
    public bool Closed => _readEnded && _writeShut;

    /// <summary>
    /// Waits for the manager's answer. A caller that must not send a byte before it knows where the
    /// connection goes (an agent that may still fail open to its app) waits for this first.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled; the tunnel is aborted.</exception>
    public async Task<TunnelAnswer> AnswerAsync(CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await _response.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort();
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return TunnelAnswer.Refused(TunnelErrorCode.ManagerUnreachable, $"the traffic manager did not answer: {e.GetBaseException().Message}");
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            return TunnelAnswer.Accepted(response.Headers);
        }

        return TunnelAnswer.Refused(RefusalCode(response), await RefusalMessageAsync(response, cancellationToken).ConfigureAwait(false));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readEnded || buffer.IsEmpty)
        {
            return 0;
        }

        var body = _responseBody ?? await OpenResponseBodyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_expectsDialReply && !_dialReplyRead)
            {
                var afterReply = await ReadDialReplyAsync(body, buffer, cancellationToken).ConfigureAwait(false);
                if (afterReply > 0)
                {
                    return afterReply;
                }
            }

            var n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _readEnded = n == 0;
            return n;
        }
        catch (Exception e) when (e is IOException or HttpRequestException && e is not TunnelException)
        {
            _readEnded = true;
            throw Aborted(e);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_writeShut)
        {
            throw new IOException("The tunnel was already closed for writing.");
        }

        try
        {
            var body = _requestBody ??= await _content.Stream.WaitAsync(cancellationToken).ConfigureAwait(false);
            await body.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            // HttpClient queues DATA frames without sending them until a flush or a full window.
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Aborted(e);
        }
    }

    /// <summary>Half-closes: the peer reads end-of-stream, and this side can still read.</summary>
    public ValueTask ShutdownWriteAsync()
    {
        _writeShut = true;
        _content.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Resets the tunnel's stream: the other end sees an abort, not an end.</summary>
    public void Abort()
    {
        try
        {
            // Before the answer, cancelling the request resets it; after, HttpClient no longer watches
            // that token, and a failed request body is what sends RST_STREAM, even once the response has ended.
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: it was reset or closed then.
        }

        _content.Abort();
        _responseBody?.Dispose();
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

    /// <summary>Ends the tunnel: cleanly when both directions have closed, else as an abort.</summary>
    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (!Closed)
            {
                Abort();
            }

            _content.Complete();
            _responseBody?.Dispose();
            if (_response.IsCompletedSuccessfully)
            {
                _response.Result.Dispose();
            }

            _request.Dispose();
            _abort.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<Stream> OpenResponseBodyAsync(CancellationToken cancellationToken)
    {
        var answer = await AnswerAsync(cancellationToken).ConfigureAwait(false);
        if (!answer.Established)
        {
            _readEnded = true;
            throw new TunnelException(answer.Refusal!.Value, answer.Message);
        }

        return _responseBody = await _response.Result.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the laptop's dial reply ahead of the data; returns data bytes that followed it in the same read, if any.</summary>
    private async ValueTask<int> ReadDialReplyAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            _readEnded = true;
            throw new TunnelException(TunnelErrorCode.ClientUnreachable, "the laptop ended the tunnel before it answered");
        }

        var parsed = DialReply.TryParse(buffer.Span[..n], out var consumed);
        if (parsed is { Refusal: null })
        {
            _dialReplyRead = true;
            buffer[consumed..n].CopyTo(buffer);
            return n - consumed;
        }

        // A refusal: gather the rest of its message, then nothing more comes.
        var gathered = new ArrayBufferWriter<byte>();
        gathered.Write(buffer.Span[..n]);
        var chunk = new byte[256];
        while ((parsed = DialReply.TryParse(gathered.WrittenSpan, out _)) is null && gathered.WrittenCount < 3 + TunnelWire.MaxMessageBytes)
        {
            var more = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (more == 0)
            {
                break;
            }

            gathered.Write(chunk.AsSpan(0, more));
        }

        _readEnded = true;
        var refusal = parsed ?? new DialReply.Parsed((TunnelErrorCode)gathered.WrittenSpan[0], "the laptop's reply was cut short");
        throw new TunnelException(refusal.Refusal!.Value, refusal.Message);
    }

    private static TunnelErrorCode RefusalCode(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(TunnelWire.ErrorHeader, out var values) && TunnelWire.ParseError(values.FirstOrDefault()) is { } code)
        {
            return code;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => TunnelErrorCode.NotPermitted,
            HttpStatusCode.Forbidden => TunnelErrorCode.NotPermitted,
            HttpStatusCode.NotFound => TunnelErrorCode.NoSuchIntercept,
            _ => TunnelErrorCode.ManagerUnreachable,
        };
    }

    private static async Task<string> RefusalMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var bytes = new byte[TunnelWire.MaxMessageBytes];
            var total = 0;
            int n;
            while (total < bytes.Length && (n = await body.ReadAsync(bytes.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
            }

            var message = DialReply.Printable(bytes.AsSpan(0, total)).Trim();
            return message.Length > 0 ? message : $"the traffic manager refused the tunnel ({(int)response.StatusCode})";
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return $"the traffic manager refused the tunnel ({(int)response.StatusCode})";
        }
        finally
        {
            response.Dispose();
        }
    }

    private static TunnelException Aborted(Exception cause) =>
        TunnelException.FindIn(cause) ?? new TunnelException(TunnelErrorCode.Aborted, "the other end of the tunnel aborted the connection", cause);
}
