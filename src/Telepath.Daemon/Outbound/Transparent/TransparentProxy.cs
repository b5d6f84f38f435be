using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Telepath.Core;

namespace Telepath.Daemon.Outbound.Transparent;

/// <summary>
/// The port on 127.0.0.1 that Telepath's nftables rules redirect the laptop's TCP to the cluster's
/// ranges to ("Proxy: ON"). Each connection is opened through the manager to the address the process
/// originally dialled.
/// </summary>
public sealed class TransparentProxy : IAsyncDisposable
{
    private readonly ProxyListener _listener;
    private readonly ILogger _logger;

    private TransparentProxy(ProxyListener listener, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
    }

    /// <summary>The port the rules redirect to (the proxyPort of the helper's apply request).</summary>
    public int Port => _listener.EndPoint.Port;

    /// <param name="port">0 lets the system choose, which avoids a clash with whatever the laptop runs.</param>
    /// <exception cref="UserErrorException">The port cannot be bound.</exception>
    public static TransparentProxy Bind(ILogger logger, int port = 0)
    {
        try
        {
            return new TransparentProxy(ProxyListener.Bind(port, logger), logger);
        }
        catch (SocketException e)
        {
            throw new UserErrorException($"cannot listen for redirected connections on 127.0.0.1:{port}: {e.Message}");
        }
    }

    public void Start(IOutboundTunnels tunnels)
    {
        _listener.Start(tunnels, TransparentConnection.RunAsync);
        Log.TransparentProxyListening(_logger, _listener.EndPoint.ToString());
    }

    /// <summary>Stops listening and cuts the connections it carries.</summary>
    public async ValueTask DisposeAsync()
    {
        if (await _listener.StopAsync().ConfigureAwait(false))
        {
            Log.TransparentProxyStopped(_logger, _listener.EndPoint.ToString());
        }
    }
}
