using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Daemon.Kubernetes;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Outbound.LocalProxy;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon;

/// <summary>The daemon's one connection to a traffic manager, if any; connect and quit take turns.</summary>
public sealed class DaemonState(ILoggerFactory loggers) : IAsyncDisposable
{
    public const string NotConnectedMessage = "not connected to a cluster; run \"telepath connect\" first";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ManagerConnection? _connection;
    private KubeSession? _kube;
    private LocalProxyServer? _proxy;
    private TransparentNetworking? _network;
    private NetworkStatus? _networkOff;

    public ManagerConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>The cluster side when connected through Kubernetes; null in direct mode.</summary>
    public KubeSession? Kube => Volatile.Read(ref _kube);

    /// <summary>The SOCKS5 / HTTP CONNECT proxy to the cluster, when connect asked for it.</summary>
    public LocalProxyServer? Proxy => Volatile.Read(ref _proxy);

    /// <summary>Transparent networking's state; null when not connected.</summary>
    public NetworkStatus? Network => Volatile.Read(ref _network)?.Status ?? Volatile.Read(ref _networkOff);

    public ManagerConnection RequireConnection() =>
        Connection ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, NotConnectedMessage));

    public async Task<ManagerConnection> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Connection is { } current)
            {
                if (IsSameTarget(current, request))
                {
                    ProxySettings.EnsureServedBy(request, Proxy);
                    return current;
                }

                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"already connected to {(Kube is null ? current.Options.Address : current.Options.ContextDisplay)}, namespace {current.Options.Namespace}; run \"telepath quit\" first"));
            }

            // Bound first: a port in use fails the connect before anything else is started.
            var proxy = ProxySettings.Bind(request, loggers.CreateLogger<LocalProxyServer>());
            ManagerConnection connection;
            try
            {
                connection = request.ManagerAddress.Length == 0
                    ? await ConnectThroughKubernetesAsync(request, cancellationToken).ConfigureAwait(false)
                    : await ConnectDirectAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                if (proxy is not null)
                {
                    await proxy.DisposeAsync().ConfigureAwait(false);
                }

                throw;
            }

            TransparentNetworking? network = null;
            try
            {
                network = request.ProxyMode == ProxySettings.On
                    ? await TransparentNetworking.StartAsync(connection, request, await ClusterEntry.AddressesAsync(Kube?.Access.ServerUrl, connection.Options.Address, cancellationToken).ConfigureAwait(false), Kube is null ? ProxyRanges.Manager : ProxyRanges.ApiServer, loggers, cancellationToken).ConfigureAwait(false)
                    : null;
            }
            catch
            {
                if (proxy is not null)
                {
                    await proxy.DisposeAsync().ConfigureAwait(false);
                }

                await connection.CloseAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                Interlocked.Exchange(ref _kube, null)?.Dispose();
                throw;
            }

            proxy?.Start(connection);
            Volatile.Write(ref _proxy, proxy);
            Volatile.Write(ref _network, network);
            Volatile.Write(ref _networkOff, network is null ? NetworkStatus.Off(OffReason(request)) : null);
            Volatile.Write(ref _connection, connection);
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string OffReason(ConnectRequest request) => request.ProxyMode switch
    {
        ProxySettings.Socks => "",
        _ when Kube is null => "connected directly to a traffic manager; --proxy=socks reaches the cluster through it",
        _ => "turned off (--proxy=off, or proxy.mode in config.yml); telepath quit, then telepath connect --proxy=on",
    };

    private Task<ManagerConnection> ConnectDirectAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        var options = new ConnectionOptions(
            request.ManagerAddress,
            request.Token,
            request.Namespace.Length > 0 ? request.Namespace : ConnectionOptions.DefaultNamespace,
            ConnectionOptions.DefaultClientName())
        {
            WatchCluster = request.ProxyMode == ProxySettings.On,
        };
        return ManagerConnection.OpenAsync(options, loggers.CreateLogger<ManagerConnection>(), cancellationToken);
    }

    private async Task<ManagerConnection> ConnectThroughKubernetesAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        var kube = await KubeSession.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var options = await kube.ConnectionOptionsAsync(
                request.Token.Length > 0 ? request.Token : null, loggers.CreateLogger<ManagerPortForward>(), cancellationToken).ConfigureAwait(false);
            options = options with { WatchCluster = request.ProxyMode == ProxySettings.On };
            var connection = await ManagerConnection.OpenAsync(options, loggers.CreateLogger<ManagerConnection>(), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _kube, kube);
            return connection;
        }
        catch
        {
            kube.Dispose();
            throw;
        }
    }

    private bool IsSameTarget(ManagerConnection current, ConnectRequest request) =>
        request.ManagerAddress.Length > 0
            ? Kube is null && string.Equals(current.Options.Address, request.ManagerAddress, StringComparison.OrdinalIgnoreCase)
            : Kube is { } kube
                && (request.Context.Length == 0 || request.Context == kube.Access.ContextName)
                && (request.Namespace.Length == 0 || request.Namespace == current.Options.Namespace);

    /// <summary>Leaves every intercept, departs and forgets the manager. Never fails.</summary>
    public async Task DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // The proxies first, so no new connection starts through a session that is departing;
            // the network's rules before that, so the laptop's DNS never points at a stopped resolver.
            if (Interlocked.Exchange(ref _network, null) is { } network)
            {
                await network.DisposeAsync().ConfigureAwait(false);
            }

            Volatile.Write(ref _networkOff, null);
            if (Interlocked.Exchange(ref _proxy, null) is { } proxy)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            if (Interlocked.Exchange(ref _connection, null) is { } connection)
            {
                await connection.CloseAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _kube, null)?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
