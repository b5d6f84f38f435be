using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Telepath.ProtocolSniffing;

/// <summary>
/// A socket connection seen a second time by Kestrel, through a handoff endpoint. Its features layer
/// over the socket's, so the second pipeline's per-connection features do not overwrite the first's.
/// Disposing it only signals that the second pipeline is done; the front still owns the socket.
/// </summary>
internal sealed class HandedOffConnection(ConnectionContext inner) : ConnectionContext
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Finished => _finished.Task;

    public override string ConnectionId { get; set; } = inner.ConnectionId;

    public override IFeatureCollection Features { get; } = new FeatureCollection(inner.Features);

    public override IDictionary<object, object?> Items { get; set; } = inner.Items;

    public override IDuplexPipe Transport { get; set; } = inner.Transport;

    public override CancellationToken ConnectionClosed { get => inner.ConnectionClosed; set => inner.ConnectionClosed = value; }

    public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }

    public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

    public override void Abort(ConnectionAbortedException abortReason) => inner.Abort(abortReason);

    public override ValueTask DisposeAsync()
    {
        _finished.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
