using Telepath.Daemon.Outbound.LocalProxy;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Daemon.Kubernetes;
using Telepath.Daemon.Outbound;
using Telepath.Daemon.Sessions;
using Telepath.Daemon.Volumes;
using Telepath.Protocol.Daemon;

namespace Telepath.Daemon;

/// <summary>The daemon's one connection to a cluster, if any; connect and quit take turns.</summary>
public sealed class DaemonState(ILoggerFactory loggers) : IAsyncDisposable
{
    public const string NotConnectedMessage = "not connected to a cluster; run \"telepath connect\" first";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger("Telepath.Daemon.Volumes");
    private ClusterConnection? _cluster;

    private ClusterConnection? Cluster => Volatile.Read(ref _cluster);

    public ManagerConnection? Connection => Cluster?.Manager;

    /// <summary>The cluster side when connected through Kubernetes; null in direct mode.</summary>
    public KubeSession? Kube => Cluster?.Kube;

    /// <summary>The SOCKS5 / HTTP CONNECT proxy to the cluster, when connect asked for it.</summary>
    public LocalProxyServer? Proxy => Cluster?.Proxy;

    /// <summary>Transparent networking's state; null when not connected.</summary>
    public NetworkStatus? Network => Cluster?.Network;

    public ManagerConnection RequireConnection() =>
        Connection ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, NotConnectedMessage));

    public async Task<ManagerConnection> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken) =>
        await ConnectAsync(request, ConnectProgress.Silent, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "prepare_only goes with ConnectWithProgress"));

    /// <returns>The connection; null when the request asked only to prepare the cluster and nothing was connected.</returns>
    public async Task<ManagerConnection?> ConnectAsync(ConnectRequest request, ConnectProgress progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Cluster is { } current)
            {
                if (!current.IsAt(request))
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"already connected to {current.Describe()}; run \"telepath quit\" first"));
                }

                ProxySettings.EnsureServedBy(request, current.Proxy);
                return current.Manager;
            }

            if (request.PrepareOnly)
            {
                await PrepareAsync(request, progress, cancellationToken).ConfigureAwait(false);
                return null;
            }

            await StaleMounts.CleanAsync(DaemonPaths.FromEnvironment().MountsDirectory, _logger).ConfigureAwait(false);
            var cluster = await ClusterConnection.OpenAsync(request, progress, loggers, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _cluster, cluster);
            return cluster.Manager;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The cluster's checks and the manager's install without connecting: the CLI starts the network
    // helper (sudo may ask for a password) only once the cluster is known to be usable.
    private static async Task PrepareAsync(ConnectRequest request, ConnectProgress progress, CancellationToken cancellationToken)
    {
        ProxySettings.Validate(request);
        if (request.ManagerAddress.Length == 0)
        {
            using var kube = await KubeSession.OpenAsync(request, cancellationToken).ConfigureAwait(false);
            await ClusterPreparation.PrepareAsync(kube, request, progress.Lines, cancellationToken).ConfigureAwait(false);
        }

        progress.Prepared();
    }

    /// <summary>Leaves every intercept, departs and forgets the cluster. Never fails.</summary>
    public async Task DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _cluster, null) is { } cluster)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
                await StaleMounts.CleanAsync(DaemonPaths.FromEnvironment().MountsDirectory, _logger).ConfigureAwait(false);
            }
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
