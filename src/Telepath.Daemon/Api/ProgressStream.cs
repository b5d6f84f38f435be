using System.Threading.Channels;
using Grpc.Core;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon.Api;

/// <summary>
/// Progress lines reported from any thread, written to the call's stream in order by one writer
/// (a gRPC stream takes one write at a time).
/// </summary>
internal sealed class ProgressStream : IProgress<string>
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public ProgressStream(IServerStreamWriter<InterceptEvent> stream, CancellationToken cancellationToken)
    {
        _pump = PumpAsync(stream, cancellationToken);
    }

    public void Report(string value) => _lines.Writer.TryWrite(value);

    /// <summary>Writes what is still queued; afterwards the caller may write to the stream itself.</summary>
    public async Task CompleteAsync()
    {
        _lines.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(IServerStreamWriter<InterceptEvent> stream, CancellationToken cancellationToken)
    {
        await foreach (var line in _lines.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(new InterceptEvent { Progress = line }, cancellationToken).ConfigureAwait(false);
        }
    }
}
