using System.Net;
using System.Net.Sockets;

namespace Telepath.Testing.Relays;

/// <summary>
/// Accepts connections on one endpoint and pipes each to another, bytes as they are, half-closes
/// included. With a unix socket on one side it crosses network namespaces: a path in the file system
/// is the same in all of them. The target may be chosen afresh for each connection, as a Service does.
/// </summary>
public sealed class SocketRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<CancellationToken, Task<EndPoint?>> _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private SocketRelay(Socket listener, Func<CancellationToken, Task<EndPoint?>> target)
    {
        _listener = listener;
        _target = target;
        _accepting = AcceptAsync();
    }

    public EndPoint LocalEndPoint => _listener.LocalEndPoint!;

    public static SocketRelay Start(EndPoint listen, EndPoint target) => Start(listen, _ => Task.FromResult<EndPoint?>(target));

    /// <param name="target">Where the next connection goes; null closes it (nothing to go to now).</param>
    public static SocketRelay Start(EndPoint listen, Func<CancellationToken, Task<EndPoint?>> target)
    {
        if (listen is UnixDomainSocketEndPoint unix && File.Exists(unix.ToString()))
        {
            File.Delete(unix.ToString());
        }

        var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolTypeOf(listen));
        listener.Bind(listen);
        listener.Listen();
        return new SocketRelay(listener, target);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }

    private static ProtocolType ProtocolTypeOf(EndPoint endPoint) =>
        endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                _ = PipeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                if (await _target(_stop.Token) is not { } target)
                {
                    return;
                }

                using var upstream = new Socket(target.AddressFamily, SocketType.Stream, ProtocolTypeOf(target));
                await upstream.ConnectAsync(target, _stop.Token);
                await using var near = new NetworkStream(client);
                await using var far = new NetworkStream(upstream);
                var up = CopyThenHalfCloseAsync(near, upstream);
                var down = CopyThenHalfCloseAsync(far, client);
                await Task.WhenAll(up, down);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException or HttpRequestException)
            {
                // Either side went away, or the target could not be looked up; the other sees its connection close.
            }
        }
    }

    private async Task CopyThenHalfCloseAsync(Stream from, Socket to)
    {
        await using var into = new NetworkStream(to, ownsSocket: false);
        await from.CopyToAsync(into, _stop.Token);
        to.Shutdown(SocketShutdown.Send);
    }
}
