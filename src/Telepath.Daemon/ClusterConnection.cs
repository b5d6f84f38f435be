using Telepath.Daemon.Outbound.LocalProxy;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Daemon.Kubernetes;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Sessions;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon;

/// <summary>
/// What the daemon holds while connected to one cluster, built part by part and disposed in reverse:
/// the Kubernetes session (Kubernetes mode), the manager connection, the local proxy (--proxy=socks)
/// and transparent networking (--proxy=on). A step that fails disposes what the earlier ones built.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly Stack<Func<ValueTask>> _built = new();

    private ClusterConnection(ConnectRequest request) => Request = request;

    /// <summary>The request this connection was made for.</summary>
    public ConnectRequest Request { get; }

    /// <summary>The cluster side when connected through Kubernetes; null in direct mode.</summary>
    public KubeSession? Kube { get; private set; }

    public ManagerConnection Manager { get; private set; } = null!;

    /// <summary>The SOCKS5 / HTTP CONNECT proxy to the cluster, when connect asked for it.</summary>
    public LocalProxyServer? Proxy { get; private set; }

    /// <summary>Transparent networking's state (off, with the reason, when not asked for).</summary>
    public NetworkStatus Network => _network?.Status ?? NetworkStatus.Off(OffReason());

    private TransparentNetworking? _network;

    /// <exception cref="RpcException">A step failed; what the earlier steps built is gone again.</exception>
    public static Task<ClusterConnection> OpenAsync(ConnectRequest request, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        OpenAsync(request, ConnectProgress.Silent, loggers, cancellationToken);

    /// <param name="progress">Kubernetes mode: the manager's install lines, then that the cluster is prepared.</param>
    /// <exception cref="RpcException">A step failed; what the earlier steps built is gone again.</exception>
    public static async Task<ClusterConnection> OpenAsync(ConnectRequest request, ConnectProgress progress, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ProxySettings.Validate(request);
        var connection = new ClusterConnection(request);
        try
        {
            await connection.BuildAsync(progress, loggers, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task BuildAsync(ConnectProgress progress, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ConnectionOptions options;
        if (Request.ManagerAddress.Length > 0)
        {
            options = new ConnectionOptions(
                Request.ManagerAddress,
                Request.Token,
                Request.Namespace.Length > 0 ? Request.Namespace : ConnectionOptions.DefaultNamespace,
                ConnectionOptions.DefaultClientName());
            progress.Prepared();
        }
        else
        {
            var kube = await KubeSession.OpenAsync(Request, cancellationToken).ConfigureAwait(false);
            Own(kube);
            Kube = kube;
            await ClusterPreparation.PrepareAsync(kube, Request, progress.Lines, cancellationToken).ConfigureAwait(false);
            progress.Prepared();
            options = await kube.ConnectionOptionsAsync(
                Request.Token.Length > 0 ? Request.Token : null, loggers.CreateLogger<ManagerPortForward>(), cancellationToken).ConfigureAwait(false);
        }

        var manager = await ManagerConnection.OpenAsync(
            options with { WatchCluster = Request.ProxyMode == ProxySettings.On }, loggers.CreateLogger<ManagerConnection>(), cancellationToken).ConfigureAwait(false);
        _built.Push(async () =>
        {
            await manager.CloseAsync().ConfigureAwait(false);
            await manager.DisposeAsync().ConfigureAwait(false);
        });
        Manager = manager;

        // After the manager, so that on the way out no new connection starts through a session that is departing.
        if (ProxySettings.Bind(Request, loggers.CreateLogger<LocalProxyServer>()) is { } proxy)
        {
            _built.Push(proxy.DisposeAsync);
            proxy.Start(manager.Outbound);
            Proxy = proxy;
        }

        // Last, so that on the way out the laptop's DNS never points at a stopped resolver.
        if (Request.ProxyMode == ProxySettings.On)
        {
            var through = await ClusterEntry.AddressesAsync(Kube?.Access.ServerUrl, options.Address, cancellationToken).ConfigureAwait(false);
            var network = await TransparentNetworking.StartAsync(
                manager, Request, through, Kube is null ? ProxyRanges.Manager : ProxyRanges.ApiServer, loggers, cancellationToken).ConfigureAwait(false);
            _built.Push(network.DisposeAsync);
            _network = network;
        }
    }

    private void Own(IDisposable part) => _built.Push(() =>
    {
        part.Dispose();
        return ValueTask.CompletedTask;
    });

    /// <summary>Whether a connect request names the place this connection is at.</summary>
    public bool IsAt(ConnectRequest request) =>
        request.ManagerAddress.Length > 0
            ? Kube is null && string.Equals(Manager.Options.Address, request.ManagerAddress, StringComparison.OrdinalIgnoreCase)
            : Kube is { } kube
                && (request.Context.Length == 0 || request.Context == kube.Access.ContextName)
                && (request.Namespace.Length == 0 || request.Namespace == Manager.Options.Namespace);

    /// <summary>Where this connection is, for the user.</summary>
    public string Describe() => $"{(Kube is null ? Manager.Options.Address : Manager.Options.ContextDisplay)}, namespace {Manager.Options.Namespace}";

    private string OffReason() => Request.ProxyMode switch
    {
        ProxySettings.Socks => "",
        _ when Kube is null => "connected directly to a traffic manager; --proxy=socks reaches the cluster through it",
        _ => "turned off (--proxy=off, or proxy.mode in config.yml); telepath quit, then telepath connect --proxy=on",
    };

    /// <summary>Leaves every intercept, departs and undoes every part, last built first. Never fails.</summary>
    public async ValueTask DisposeAsync()
    {
        while (_built.TryPop(out var undo))
        {
            await undo().ConfigureAwait(false);
        }
    }
}
