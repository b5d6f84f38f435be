using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Telepath.Core;

namespace Telepath.Daemon.Outbound.LocalProxy;

/// <summary>
/// The proxy to the cluster on 127.0.0.1 (<c>connect --proxy=socks</c>): SOCKS5 and HTTP CONNECT on
/// one port. It binds before the daemon connects, so a port in use fails the connect with nothing
/// started, and accepts once the connection to the manager exists. It carries this user's access to the
/// cluster, and every local user can reach a loopback port: so it serves only processes of the daemon's
/// own user, and root's (root can act as that user anyway); any other is told it is not allowed.
/// </summary>
public sealed partial class LocalProxyServer : IAsyncDisposable
{
    public const int DefaultPort = 1080;

    private readonly ProxyListener _listener;
    private readonly ILogger _logger;

    private LocalProxyServer(ProxyListener listener, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
        Address = listener.EndPoint.ToString();
    }

    /// <summary>127.0.0.1:PORT.</summary>
    public string Address { get; }

    /// <exception cref="UserErrorException">The port is taken, or may not be bound.</exception>
    public static LocalProxyServer Bind(int port, ILogger logger)
    {
        try
        {
            return new LocalProxyServer(ProxyListener.Bind(port, logger), logger);
        }
        catch (SocketException e)
        {
            throw new UserErrorException(e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"cannot start the proxy: 127.0.0.1:{port} is already in use; choose another port with --proxy-port"
                : $"cannot start the proxy on 127.0.0.1:{port}: {e.Message}");
        }
    }

    /// <summary>Starts accepting clients; each becomes an outbound connection opened through <paramref name="tunnels"/>.</summary>
    public void Start(IOutboundTunnels tunnels)
    {
        _listener.Start(tunnels, ServeAsync);
        Log.ProxyListening(_logger, Address);
    }

    private Task<(ProxyOutcome Outcome, string Detail)> ServeAsync(Socket client, IOutboundTunnels tunnels, CancellationToken cancellationToken)
    {
        // Elsewhere there is no /proc/net/tcp to tell whose a connection is.
        if (!OperatingSystem.IsLinux())
        {
            return ProxyConnection.RunAsync(client, tunnels, cancellationToken);
        }

        var user = LoopbackPeerUser.Of(client);
        if (user == OwnUser || user == 0)
        {
            return ProxyConnection.RunAsync(client, tunnels, cancellationToken);
        }

        var peer = user?.ToString(CultureInfo.InvariantCulture) ?? "unknown (its socket is gone)";
        Log.ProxyClientRefused(_logger, client.RemoteEndPoint?.ToString() ?? "?", peer, OwnUser);
        return ProxyConnection.ForbidAsync(client, $"this proxy to the cluster serves the processes of user {OwnUser} only, not those of user {peer}", cancellationToken);
    }

    /// <summary>Stops listening and cuts the connections it carries.</summary>
    public async ValueTask DisposeAsync()
    {
        if (await _listener.StopAsync().ConfigureAwait(false))
        {
            Log.ProxyStopped(_logger, Address);
        }
    }

    private static uint OwnUser { get; } = OperatingSystem.IsLinux() ? geteuid() : 0;

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
