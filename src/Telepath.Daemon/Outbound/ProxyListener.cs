using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Outbound;

/// <summary>How a proxy serves one accepted client: it returns how the connection ended, for the log.</summary>
internal delegate Task<(ProxyOutcome Outcome, string Detail)> ServeClient(Socket client, IOutboundTunnels tunnels, CancellationToken cancellationToken);

/// <summary>
/// A TCP listener on 127.0.0.1 whose clients each become one outbound connection: the accept loop,
/// the bookkeeping of live connections and the shutdown that cuts them, shared by the SOCKS/HTTP
/// proxy and the transparent proxy.
/// </summary>
internal sealed class ProxyListener : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private Task _accepting = Task.CompletedTask;

    private ProxyListener(Socket listener, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <exception cref="SocketException">The port is taken, or may not be bound.</exception>
    public static ProxyListener Bind(int port, ILogger logger)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(512);
            return new ProxyListener(listener, logger);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public void Start(IOutboundTunnels tunnels, ServeClient serve) => _accepting = AcceptAsync(tunnels, serve, _lifetime.Token);

    /// <returns>False when it was already stopped.</returns>
    public async ValueTask<bool> StopAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return false;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_connections.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _lifetime.Dispose();
        return true;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptAsync(IOutboundTunnels tunnels, ServeClient serve, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            client.NoDelay = true;
            var serving = ServeAsync(client, tunnels, serve, cancellationToken);
            _connections[client] = serving;
            if (serving.IsCompleted)
            {
                // It ended before it was recorded, so its own removal came too early.
                _connections.TryRemove(client, out _);
            }
        }
    }

    private async Task ServeAsync(Socket client, IOutboundTunnels tunnels, ServeClient serve, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var (outcome, detail) = await serve(client, tunnels, cancellationToken).ConfigureAwait(false);
            if (outcome == ProxyOutcome.NotAllowed)
            {
                // The client saw only a refusal code or a reset: the log is where the user learns why.
                Log.DestinationNotAllowed(_logger, detail);
            }
            else
            {
                Log.ProxyConnectionEnded(_logger, outcome, detail);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.ProxyConnectionEnded(_logger, ProxyOutcome.Cancelled, "");
        }
        catch (Exception e)
        {
            Log.ProxyConnectionFailed(_logger, e);
        }
        finally
        {
            client.Dispose();
            _connections.TryRemove(client, out _);
        }
    }
}
