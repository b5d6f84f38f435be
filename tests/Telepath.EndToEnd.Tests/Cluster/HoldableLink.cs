using System.Net;
using System.Net.Sockets;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>
/// A TCP link to a server whose replies can be held: while held, bytes from the server wait in the link,
/// none lost, as on a slow or congested network between a pod and the manager. Bytes towards the server
/// always pass.
/// </summary>
public sealed class HoldableLink : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = Flowing();

    private HoldableLink(Socket listener, IPEndPoint server)
    {
        _listener = listener;
        _server = server;
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public static HoldableLink Start(IPEndPoint server)
    {
        var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        return new HoldableLink(listener, server);
    }

    /// <summary>From now on the server's bytes wait in the link.</summary>
    public void Hold()
    {
        if (Volatile.Read(ref _flowing).Task.IsCompleted)
        {
            Volatile.Write(ref _flowing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>The held bytes go on, in order, and so does everything after them.</summary>
    public void Release() => Volatile.Read(ref _flowing).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(_server, _stop.Token);
                await Task.WhenAll(CopyAsync(client, server, held: false), CopyAsync(server, client, held: true));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Either side went away, or the link stops; the other side sees its connection close.
            }
        }
    }

    private async Task CopyAsync(Socket from, Socket to, bool held)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
        {
            if (held)
            {
                await Volatile.Read(ref _flowing).Task.WaitAsync(_stop.Token);
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
