using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telepath.TrafficManager.Watching;

namespace Telepath.TrafficManager.Cluster;

/// <summary>
/// The manager's picture of the cluster (Services, Pods, Namespaces in all namespaces; Nodes and
/// ServiceCIDRs for the address ranges), from which laptops learn the cluster's names and ranges.
/// Without access, or until the first lists succeed, it has no view; a cluster it cannot reach
/// never stops the manager, and one that refuses the Nodes or ServiceCIDRs only costs a guess.
/// </summary>
public sealed class ClusterView(ManagerOptions options, ILogger<ClusterView> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly string _domain = ClusterDomain.Read(options.ResolvConf);
    private readonly ChangeSignal _refreshed = new();
    private Mirrors? _mirrors;
    private ClusterSnapshot? _snapshot;
    private IReadOnlyList<IPNetwork> _apiServerRanges = [];
    private bool _asked;
    private string _loggedRanges = "";

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
        ClusterSnapshot snapshot;
        lock (_gate)
        {
            if (_snapshot is null)
            {
                _snapshot = _mirrors is { } m && m.Listed && RangesSettled(m)
                    ? ClusterSnapshot.Build(_domain, m.Namespaces.Items, m.Services.Items, m.Pods.Items, new RangeAnswers(m.ServiceCidrs.Items, _apiServerRanges, m.Nodes.Items))
                    : ClusterSnapshot.NoView;
            }

            snapshot = _snapshot;
        }

        LogRangesWhenChanged(snapshot);
        return snapshot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Cluster.Enabled)
        {
            Log.NoAccess(logger);
            return;
        }

        Log.Starting(logger, options.Cluster);
        var connected = await ConnectAsync(stoppingToken).ConfigureAwait(false);
        if (connected is not var (client, @namespace))
        {
            return;
        }

        using (client)
        {
            var mirrors = new Mirrors(client, OnChange, () => _refreshed.Notify(), logger);
            lock (_gate)
            {
                _mirrors = mirrors;
            }

            await Task.WhenAll(
                mirrors.Namespaces.RunAsync(stoppingToken),
                mirrors.Services.RunAsync(stoppingToken),
                mirrors.Pods.RunAsync(stoppingToken),
                mirrors.Nodes.RunAsync(stoppingToken),
                mirrors.ServiceCidrs.RunAsync(stoppingToken),
                AskApiServerAsync(mirrors, new ServiceRangeProbe(client, @namespace), stoppingToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Without ServiceCIDRs, asks the API server for its service range: once when the ServiceCIDRs
    /// have given their first answer, and again each time the view is refreshed after a failure
    /// (the API server may have been upgraded or reconfigured meanwhile).
    /// </summary>
    private async Task AskApiServerAsync(Mirrors mirrors, ServiceRangeProbe probe, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = Changed.Next;
            if (mirrors.ServiceCidrs.Settled)
            {
                break;
            }

            await changed.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var retry = new ApiServerRetryDelay();
        while (!stoppingToken.IsCancellationRequested)
        {
            var refreshed = _refreshed.Next;
            IReadOnlyList<ProbeAnswer>? answers = null;
            if (!AnswersWithServiceCidrs(mirrors))
            {
                try
                {
                    answers = await probe.AskAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                foreach (var answer in answers)
                {
                    Log.ApiServerAnswered(logger, answer.Asked, probe.Namespace, answer.Outcome);
                }
            }

            lock (_gate)
            {
                _apiServerRanges = answers is null ? _apiServerRanges : Named(answers, _apiServerRanges);
                _asked = true;
            }

            OnChange();
            if (answers?.All(a => a.Answered) == false)
            {
                // A request that got no answer at all is tried again, sooner than the next failure of the view.
                await Task.WhenAny(refreshed, retry.WaitAsync(stoppingToken)).ConfigureAwait(false);
                continue;
            }

            retry.Reset();
            await refreshed.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // A family whose question got no answer keeps what the API server named before.
    private static IReadOnlyList<IPNetwork> Named(IReadOnlyList<ProbeAnswer> answers, IReadOnlyList<IPNetwork> before) =>
        [
            .. answers.Select(a => a.Range).OfType<IPNetwork>(),
            .. before.Where(range => answers.Any(a => !a.Answered && a.Asked.AddressFamily == range.BaseAddress.AddressFamily)),
        ];

    private static bool AnswersWithServiceCidrs(Mirrors mirrors) =>
        mirrors.ServiceCidrs.Items.Any(s => s.Spec?.Cidrs?.Any(cidr => RangeRules.Accept(cidr, out _) is not null) == true);

    // The first snapshot waits for the cluster's first word on its ranges, so that a laptop does not
    // redirect a guess and then, moments later, the real ranges.
    private bool RangesSettled(Mirrors mirrors) => mirrors.Nodes.Settled && mirrors.ServiceCidrs.Settled && (_asked || AnswersWithServiceCidrs(mirrors));

    /// <returns>A client and the namespace it acts in, or null when the manager stops first.</returns>
    private async Task<(Kubernetes Client, string Namespace)?> ConnectAsync(CancellationToken stoppingToken)
    {
        var retry = new ApiServerRetryDelay();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // In a pod the namespace is the service account's own; through a kubeconfig, its context's.
                var configuration = options.Cluster.Configuration();
                return (new Kubernetes(configuration), configuration.Namespace?.Trim() is { Length: > 0 } ns ? ns : "default");
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

    private void LogRangesWhenChanged(ClusterSnapshot snapshot)
    {
        if (!snapshot.Info.HasView)
        {
            return;
        }

        var ranges = string.Join(", ", snapshot.Ranges);
        var refused = string.Join("; ", snapshot.Refused);
        var text = $"{ranges}|{refused}";
        lock (_gate)
        {
            if (text == _loggedRanges)
            {
                return;
            }

            _loggedRanges = text;
        }

        Log.Ranges(logger, ranges.Length > 0 ? ranges : "none");
        if (refused.Length > 0)
        {
            Log.RangesRefused(logger, refused);
        }
    }

    private sealed class Mirrors(Kubernetes client, Action changed, Action recovered, ILogger logger)
    {
        public ResourceMirror<V1Namespace> Namespaces { get; } = new(
            "namespaces",
            async ct => Listing(await client.CoreV1.ListNamespaceAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListNamespaceAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger)
        { Recovered = recovered };

        public ResourceMirror<V1Service> Services { get; } = new(
            "services",
            async ct => Listing(await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger)
        { Recovered = recovered };

        public ResourceMirror<V1Pod> Pods { get; } = new(
            "pods",
            async ct => Listing(await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger)
        { Recovered = recovered };

        public ResourceMirror<V1Node> Nodes { get; } = new(
            "nodes",
            async ct => Listing(await client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false)),
            (rv, onError, ct) => client.CoreV1.WatchListNodeAsync(resourceVersion: rv, onError: onError, cancellationToken: ct),
            changed,
            logger)
        { Optional = true, Keep = PodCidrsOnly };

        public ResourceMirror<V1ServiceCIDR> ServiceCidrs { get; } = ServiceCidrMirror(new ServiceCidrApi(client), changed, logger);

        public bool Listed => Namespaces.Listed && Services.Listed && Pods.Listed;

        private static ResourceMirror<V1ServiceCIDR> ServiceCidrMirror(ServiceCidrApi api, Action changed, ILogger logger) =>
            new("servicecidrs", api.ListAsync, api.WatchAsync, changed, logger) { Optional = true };

        private static (IList<T> Items, string ResourceVersion) Listing<T>(IItems<T> list) =>
            (list.Items, ((IMetadata<V1ListMeta>)list).Metadata.ResourceVersion);

        // A Node's status (images, conditions) and managed fields are most of it; the view reads its pod ranges.
        private static V1Node PodCidrsOnly(V1Node node) => new()
        {
            Metadata = new V1ObjectMeta { Name = node.Name(), ResourceVersion = node.ResourceVersion() },
            Spec = new V1NodeSpec { PodCIDR = node.Spec?.PodCIDR, PodCIDRs = node.Spec?.PodCIDRs },
        };
    }
}
