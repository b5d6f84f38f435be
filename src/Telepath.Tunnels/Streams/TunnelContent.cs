using System.Net;

namespace Telepath.Tunnels.Streams;

/// <summary>
/// A request body that stays open while the tunnel lives: HttpClient hands us its write stream and
/// sends END_STREAM when <see cref="Complete"/> is called. It can be sent once only: a retry on
/// another connection would lose what was written on the first.
/// </summary>
internal sealed class TunnelContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request body's stream, once HttpClient has sent the headers.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the request body (END_STREAM): the half-close.</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>Fails the request body: HttpClient resets the stream (RST_STREAM), whatever state the response is in.</summary>
    public void Abort() => _done.TrySetException(new IOException("The tunnel was aborted."));

    /// <summary>The request failed before its body was opened: writers waiting for the stream fail too.</summary>
    public void Fail(Exception reason)
    {
        _stream.TrySetException(reason);
        _done.TrySetException(reason);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_stream.TrySetResult(stream))
        {
            throw new IOException("A tunnel cannot be sent twice.");
        }

        // HttpClient holds back the HEADERS of a request with a body, to send them with its first DATA.
        // A tunnel's body may not start for a long time (a standby waits for its join): send them now.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
