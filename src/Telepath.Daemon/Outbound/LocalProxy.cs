using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Telepath.Core;

namespace Telepath.Daemon.Outbound;

/// <summary>
/// The proxy to the cluster on 127.0.0.1 (<c>connect --proxy=socks</c>): SOCKS5 and HTTP CONNECT on
/// one port. It binds before the daemon connects, so a port in use fails the connect with nothing
/// started, and accepts once the connection to the manager exists.
/// </summary>
public sealed class LocalProxy : IAsyncDisposable
{
    public const int DefaultPort = 1080;

    private readonly Socket _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private Task _accepting = Task.CompletedTask;

    private LocalProxy(Socket listener, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
        Address = ((IPEndPoint)listener.LocalEndPoint!).ToString();
    }

    /// <summary>127.0.0.1:PORT.</summary>
    public string Address { get; }

    /// <exception cref="UserErrorException">The port is taken, or may not be bound.</exception>
    public static LocalProxy Bind(int port, ILogger logger)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(512);
            return new LocalProxy(listener, logger);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new UserErrorException(e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"cannot start the proxy: 127.0.0.1:{port} is already in use; choose another port with --proxy-port"
                : $"cannot start the proxy on 127.0.0.1:{port}: {e.Message}");
        }
    }

    /// <summary>Starts accepting clients; each becomes an outbound connection opened through <paramref name="tunnels"/>.</summary>
    public void Start(IOutboundTunnels tunnels)
    {
        _accepting = AcceptAsync(tunnels, _lifetime.Token);
        Log.ProxyListening(_logger, Address);
    }

    /// <summary>Stops listening and cuts the connections it carries.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_connections.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _lifetime.Dispose();
        Log.ProxyStopped(_logger, Address);
    }

    private async Task AcceptAsync(IOutboundTunnels tunnels, CancellationToken cancellationToken)
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
            var serving = ServeAsync(client, tunnels, cancellationToken);
            _connections[client] = serving;
            if (serving.IsCompleted)
            {
                // It ended before it was recorded, so its own removal came too early.
                _connections.TryRemove(client, out _);
            }
        }
    }

    private async Task ServeAsync(Socket client, IOutboundTunnels tunnels, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var (outcome, detail) = await ProxyConnection.RunAsync(client, tunnels, cancellationToken).ConfigureAwait(false);
            Log.ProxyConnectionEnded(_logger, outcome, detail);
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
