using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Controllers;

/// <summary>
/// The controller manager: after any batch of changes (and on a short tick, for progress
/// deadlines) it reconciles every workload. Controllers write only what changed, so it settles.
/// </summary>
internal sealed class ControllerLoop(ObjectStore store, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource stopping = new();
    private readonly DeploymentController deployments = new(store, time);
    private readonly ReplicaSetController replicaSets = new(store);
    private readonly StatefulSetController statefulSets = new(store);
    private readonly GarbageCollector collector = new(store);
    private readonly NamespaceController namespaces = new(store);
    private Task? loop;

    public void Start() => loop = RunAsync(store.Watch(null, null, null));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(WatchSubscription subscription)
    {
        using (subscription)
        {
            while (!stopping.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                tick.CancelAfter(Tick);
                try
                {
                    await subscription.Events.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // Tick: re-check deadlines.
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                while (subscription.Events.TryRead(out var e))
                {
                    Handle(e);
                }

                ReconcileAll();
            }
        }
    }

    private void Handle(StoreEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            Safely(() => collector.OwnerDeleted(e.Object));
        }
        else if (e.Resource == ResourceCatalog.Namespaces && e.Type == WatchEventType.Added)
        {
            Safely(() => namespaces.Reconcile(e.Object));
        }
    }

    private void ReconcileAll()
    {
        Each(ResourceCatalog.Deployments, deployments.Reconcile);
        Each(ResourceCatalog.ReplicaSets, replicaSets.Reconcile);
        Each(ResourceCatalog.StatefulSets, statefulSets.Reconcile);
    }

    private void Each(ResourceType type, Action<JsonObject> reconcile)
    {
        foreach (var obj in store.List(type, null).Items)
        {
            Safely(() => reconcile(obj));
        }
    }

    // Races with clients (a conflict, an object deleted meanwhile) are retried on the next pass.
    private static void Safely(Action action)
    {
        try
        {
            action();
        }
        catch (KubeStatusException)
        {
        }
    }
}
