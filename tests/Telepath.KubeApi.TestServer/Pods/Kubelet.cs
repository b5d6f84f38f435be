using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Http;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.KubeApi.TestServer.Tokens;
using Telepath.KubeApi.TestServer.Watch;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>
/// Plays node and kubelet: schedules every new pod, gives it a loopback IP, starts its containers
/// through the <see cref="IPodRunner"/> with their volumes (ConfigMaps, Secrets, emptyDirs, projected
/// service account tokens) written to files,
/// reports their states, and stops them when the pod goes.
/// </summary>
internal sealed partial class Kubelet(ObjectStore store, KubeApiServerOptions options, PodIpAllocator ips, ServiceAccountTokens tokens) : IAsyncDisposable
{
    private readonly Lazy<string> directory = new(() => options.KubeletDirectory ?? Directory.CreateTempSubdirectory("tp-kubelet-").FullName);
    private readonly ConcurrentDictionary<string, PodSandbox> sandboxes = new();
    private readonly ConcurrentBag<Task> work = [];
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    public void Start()
    {
        Register();
        var subscription = store.Watch(ResourceCatalog.Pods, null, null);
        loop = RunAsync(subscription);
    }

    // A kubelet registers its Node, then posts its status.
    private void Register()
    {
        store.Create(ResourceCatalog.Nodes, NodeObject.Build(options));
        var now = options.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        store.Update(ResourceCatalog.Nodes, "", KubeletNames.NodeName, o =>
        {
            o["status"] = NodeObject.Status(now);
            return o;
        }, UpdateScope.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        foreach (var sandbox in sandboxes.Values)
        {
            await StopAsync(sandbox);
        }

        await Task.WhenAll(work).ContinueWith(_ => { }, TaskScheduler.Default);
        if (options.KubeletDirectory is null && directory.IsValueCreated)
        {
            try
            {
                Directory.Delete(directory.Value, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temporary folder is left to the system's cleanup.
            }
        }
    }

    private async Task RunAsync(WatchSubscription subscription)
    {
        using (subscription)
        {
            try
            {
                await foreach (var e in subscription.Events.ReadAllAsync(stopping.Token))
                {
                    var uid = e.Object.Uid();
                    if (e.Type == WatchEventType.Deleted && sandboxes.TryRemove(uid, out var gone))
                    {
                        work.Add(StopAsync(gone));
                    }
                    else if (e.Type != WatchEventType.Deleted && !sandboxes.ContainsKey(uid))
                    {
                        var sandbox = Schedule(e.Object);
                        sandboxes[uid] = sandbox;
                        work.Add(StartAsync(sandbox, e.Object));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Server stopping.
            }
        }
    }

    private PodSandbox Schedule(JsonObject pod)
    {
        var containers = pod.Array("spec.containers").OfType<JsonObject>()
            .Select(c => new ContainerRun(c.Str("name") ?? "", c.Str("image") ?? "",
                c.Array("ports").Select(p => (int)p.Long("containerPort")).ToList()))
            .ToList();
        return new PodSandbox(pod.Namespace(), pod.Name(), pod.Uid(), ips.Next(), options.Time.GetUtcNow(), containers);
    }

    private async Task WriteStatusAsync(PodSandbox pod)
    {
        await pod.Gate.WaitAsync();
        try
        {
            var status = PodStatusBuilder.Build(pod);
            store.Update(ResourceCatalog.Pods, pod.Namespace, pod.Name, o =>
            {
                if (o.Uid() != pod.Uid)
                {
                    throw StatusObjects.NotFound(ResourceCatalog.Pods, pod.Name);
                }

                o["spec"]!.AsObject()["nodeName"] = KubeletNames.NodeName;
                o["status"] = status;
                o.Metadata().Remove("resourceVersion");
                return o;
            }, UpdateScope.All);
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
            // Deleted meanwhile; its sandbox is being stopped.
        }
        finally
        {
            pod.Gate.Release();
        }
    }
}
