using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// The manager's picture of the cluster (Services, Pods, Namespaces in all namespaces), from which
/// laptops learn the cluster's names and address ranges. Without access, or until the first lists
/// succeed, it has no view; a cluster it cannot reach never stops the manager.
/// </summary>
public sealed class ClusterView(ManagerOptions options, ILogger<ClusterView> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly string _domain = ClusterDomain.Read(options.ResolvConf);
    private Mirrors? _mirrors;
    private ClusterSnapshot? _snapshot;

    /// <summary>Notified after every change of the cluster; watchers take it before reading <see cref="Snapshot"/>.</summary>
    public ChangeSignal Changed { get; } = new();

    /// <summary>Whether the manager has access to the cluster at all; when it has, a view without data is one still being listed.</summary>
    public bool Configured => options.Cluster.Enabled;

    /// <summary>
    /// Waits until the first lists are done, at most <paramref name="patience"/>: a manager that can read
    /// the cluster but has just started would otherwise tell a laptop that it has no view at all.
    /// </summary>
    public async Task WaitForFirstViewAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        while (Configured && !deadline.IsCancellationRequested)
        {
            var next = Changed.Next;
            if (Snapshot().Info.HasView)
            {
                return;
            }

            await next.WaitAsync(deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The current view, rebuilt on first read after a change.</summary>
    public ClusterSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_snapshot is null)
            {
                _snapshot = _mirrors is { } m && m.Listed
                    ? ClusterSnapshot.Build(_domain, m.Namespaces.Items, m.Services.Items, m.Pods.Items)
                    : ClusterSnapshot.NoView;
            }

            return _snapshot;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Cluster.Enabled)
        {
            Log.NoAccess(logger);
            return;
        }

        Log.Starting(logger, options.Cluster);
        using var client = await ConnectAsync(stoppingToken).ConfigureAwait(false);
        if (client is null)
        {
            return;
        }

        var mirrors = new Mirrors(client, OnChange, logger);
        lock (_gate)
        {
            _mirrors = mirrors;
        }

        await Task.WhenAll(mirrors.Namespaces.RunAsync(stoppingToken), mirrors.Services.RunAsync(stoppingToken), mirrors.Pods.RunAsync(stoppingToken)).ConfigureAwait(false);
    }

    /// <returns>A client, or null when the manager stops first.</returns>
    private async Task<Kubernetes?> ConnectAsync(CancellationToken stoppingToken)
    {
        var retry = new Backoff();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return new Kubernetes(options.Cluster.Configuration());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A kubeconfig being written or a token not yet mounted: it may appear later.
                Log.AccessFailed(logger, options.Cluster, retry.Next.TotalSeconds, e.Message);
            }

            await retry.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        return null;
    }

    private void OnChange()
    {
        lock (_gate)
        {
            _snapshot = null;
        }

        Changed.Notify();
    }

    private sealed class Mirrors(Kubernetes client, Action changed, ILogger logger)
    {
        public ResourceMirror<V1Namespace> Namespaces { get; } = new(
            "namespaces",
            async ct => Listing(await client.CoreV1.ListNamespaceAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListNamespaceAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger);

        public ResourceMirror<V1Service> Services { get; } = new(
            "services",
            async ct => Listing(await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger);

        public ResourceMirror<V1Pod> Pods { get; } = new(
            "pods",
            async ct => Listing(await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger);

        public bool Listed => Namespaces.Listed && Services.Listed && Pods.Listed;

        private static (IList<T> Items, string ResourceVersion) Listing<T>(IItems<T> list) =>
            (list.Items, ((IMetadata<V1ListMeta>)list).Metadata.ResourceVersion);
    }
}
