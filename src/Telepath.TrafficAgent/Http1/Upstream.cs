using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Telepath.TrafficAgent.Routing;
using Telepath.Tunnels.Streams;

namespace Telepath.TrafficAgent.Http1;

/// <summary>
/// Where one client connection's requests go: the app, or a laptop through an intercept's tunnel. It
/// belongs to that client connection (as a TCP relay's would), so its keep-alive lasts as long as the
/// client's and no request ever waits for another client's.
/// </summary>
internal abstract class Upstream : IAsyncDisposable
{
    /// <summary>Null for the app.</summary>
    public abstract InterceptRoute? Route { get; }

    public abstract IDuplexPipe Pipe { get; }

    /// <summary>The far end has closed it while it sat idle: it cannot carry another request.</summary>
    public bool ClosedWhileIdle => Pipe.Input.TryRead(out var result) && Consume(result);

    public abstract void Abort();

    public abstract ValueTask DisposeAsync();

    private bool Consume(ReadResult result)
    {
        // Anything an idle server says (or its FIN) means the connection is done with.
        var closed = result.IsCompleted || !result.Buffer.IsEmpty;
        Pipe.Input.AdvanceTo(result.Buffer.Start);
        return closed;
    }
}

/// <summary>A connection to the app container, on Kestrel's socket transport.</summary>
internal sealed class AppUpstream(ConnectionContext connection) : Upstream
{
    public override InterceptRoute? Route => null;

    public override IDuplexPipe Pipe => connection.Transport;

    public override void Abort() => connection.Abort();

    public override ValueTask DisposeAsync() => connection.DisposeAsync();
}

/// <summary>A tunnel to the laptop that holds an intercept.</summary>
internal sealed class TunnelUpstream : Upstream
{
    private readonly TunnelStream _tunnel;

    public TunnelUpstream(InterceptRoute route, TunnelStream tunnel)
    {
        Route = route;
        _tunnel = tunnel;
        Pipe = new DuplexPipe(
            PipeReader.Create(tunnel, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(tunnel, new StreamPipeWriterOptions(leaveOpen: true)));
    }

    public override InterceptRoute Route { get; }

    public override IDuplexPipe Pipe { get; }

    public override void Abort() => _tunnel.Abort();

    public override async ValueTask DisposeAsync()
    {
        await Pipe.Input.CompleteAsync().ConfigureAwait(false);
        await Pipe.Output.CompleteAsync().ConfigureAwait(false);
        await _tunnel.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
