using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Telepath.ProtocolSniffing;

internal sealed class HandoffListener(HandoffEndPoint endpoint, Action onUnbind) : IConnectionListener
{
    private readonly Channel<ConnectionContext> _accepted = Channel.CreateUnbounded<ConnectionContext>();

    public EndPoint EndPoint => endpoint;

    public Task HandOffAsync(ConnectionContext connection)
    {
        var handedOff = new HandedOffConnection(connection);
        if (!_accepted.Writer.TryWrite(handedOff))
        {
            connection.Abort(new ConnectionAbortedException("The server is shutting down."));
            return Task.CompletedTask;
        }

        return handedOff.Finished;
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _accepted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _accepted.Writer.TryComplete();
        onUnbind();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => UnbindAsync();
}
