using System.Threading.Channels;
using Grpc.Core;

namespace Telepath.Daemon.Api;

/// <summary>
/// Progress lines (and other events) reported from any thread, written to the call's stream in order
/// by one writer (a gRPC stream takes one write at a time).
/// </summary>
internal sealed class ProgressStream<TEvent> : IProgress<string>
{
    private readonly Channel<TEvent> _events = Channel.CreateUnbounded<TEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<string, TEvent> _line;
    private readonly Task _pump;

    public ProgressStream(IServerStreamWriter<TEvent> stream, Func<string, TEvent> line, CancellationToken cancellationToken)
    {
        _line = line;
        _pump = PumpAsync(stream, cancellationToken);
    }

    public void Report(string value) => _events.Writer.TryWrite(_line(value));

    /// <summary>Queues an event other than a line, after the lines reported so far.</summary>
    public void Add(TEvent value) => _events.Writer.TryWrite(value);

    /// <summary>Writes what is still queued; afterwards the caller may write to the stream itself.</summary>
    public async Task CompleteAsync()
    {
        _events.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(IServerStreamWriter<TEvent> stream, CancellationToken cancellationToken)
    {
        await foreach (var item in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }
}
