using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Telepath.ProtocolSniffing;

/// <summary>
/// Kestrel transport for <see cref="HandoffEndPoint"/>s. Sockets stay with Kestrel's own transport;
/// this one only carries connections that a front endpoint has already accepted and sniffed.
/// </summary>
public sealed class HandoffListenerFactory : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    private readonly ConcurrentDictionary<string, HandoffListener> _listeners = new();

    public bool CanBind(EndPoint endpoint) => endpoint is HandoffEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var handoff = (HandoffEndPoint)endpoint;
        var listener = new HandoffListener(handoff, () => _listeners.TryRemove(handoff.Name, out _));
        if (!_listeners.TryAdd(handoff.Name, listener))
        {
            throw new InvalidOperationException($"The handoff endpoint {handoff.Name} is bound already.");
        }

        return ValueTask.FromResult<IConnectionListener>(listener);
    }

    /// <summary>Passes a connection to the endpoint's HTTP pipeline and completes when that pipeline is done with it.</summary>
    public Task HandOffAsync(string name, ConnectionContext connection)
    {
        if (!_listeners.TryGetValue(name, out var listener))
        {
            connection.Abort(new ConnectionAbortedException($"The handoff endpoint {name} is not bound."));
            return Task.CompletedTask;
        }

        return listener.HandOffAsync(connection);
    }
}
