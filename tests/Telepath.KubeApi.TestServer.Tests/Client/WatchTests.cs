using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Client;

public class WatchTests
{
    [Fact]
    public async Task Watch_from_a_list_resource_version_sees_later_changes_in_order()
    {
        await using var cluster = await TestCluster.StartAsync();
        var list = await cluster.Client.ListNamespacedConfigMapAsync("default");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType, string)>();

        var watching = Task.Run(async () =>
        {
            var watch = cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(
                "default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timeout.Token);
            await foreach (var (type, item) in watch)
            {
                events.Add((type, item.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "1" } };
        await cluster.Client.CreateNamespacedConfigMapAsync(map, "default");
        await cluster.Client.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "settings", "default");
        await cluster.Client.DeleteNamespacedConfigMapAsync("settings", "default");
        await watching;

        Assert.Equal([(WatchEventType.Added, "settings"), (WatchEventType.Modified, "settings"), (WatchEventType.Deleted, "settings")], events);
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_410_expired()
    {
        await using var cluster = await TestCluster.StartAsync();
        var list = await cluster.Client.ListNamespacedConfigMapAsync("default");
        await cluster.Client.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "default");
        cluster.Server.Store.Compact();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Exception? error = null;

        var watch = cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync(
            "default", resourceVersion: list.Metadata.ResourceVersion, onError: e => error = e, cancellationToken: timeout.Token);
        await foreach (var _ in watch)
        {
        }

        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
    }
}
