using Grpc.Core;
using k8s;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using static Telepath.TrafficManager.Tests.Cluster.ClusterStream;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class WatchClusterTests : IAsyncLifetime
{
    private const string Orders = "orders.shop.svc.corp.test";

    private ClusterFixture _cluster = null!;
    private ProtocolManager.ManagerClient _client = null!;
    private string _session = "";

    public async Task InitializeAsync()
    {
        _cluster = await ClusterFixture.StartAsync();
        _client = _cluster.Manager.Client();
        _session = (await _client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_snapshot_has_the_services_the_headless_pods_and_the_ranges()
    {
        using var call = _client.WatchCluster(new SessionRef { SessionSecret = _session });

        var info = await NextAsync(call, i => i.HasView && Addresses(i, "db.shop.svc.corp.test")?.Count == 2, "with both db pods");

        var orders = await _cluster.Admin.ReadNamespacedServiceAsync("orders", "shop");
        var db0 = (await _cluster.Admin.ReadNamespacedPodAsync("db-0", "shop")).Status.PodIP;
        var db1 = (await _cluster.Admin.ReadNamespacedPodAsync("db-1", "shop")).Status.PodIP;
        Assert.Equal("corp.test", info.ClusterDomain);
        Assert.Contains("shop", info.Namespaces);
        Assert.Contains("kube-system", info.Namespaces);
        Assert.Equal([orders.Spec.ClusterIP], Addresses(info, Orders));
        Assert.Equal([db0, db1], Addresses(info, "db.shop.svc.corp.test")!.Order());
        Assert.Equal([db0], Addresses(info, "db-0.db.shop.svc.corp.test"));
        Assert.Equal([db1], Addresses(info, $"{db1.Replace('.', '-')}.shop.pod.corp.test"));
        // The test server's ServiceCIDR holds 10.96.0.0/12; its pods and their node's range are on 127/8, which is never published.
        Assert.Equal(["10.96.0.0/12"], info.ServiceCidrs);
        Assert.Empty(info.PodCidrs);
        Assert.All(info.Records, record => Assert.Equal(record.Name.ToLowerInvariant(), record.Name));
    }

    [Fact]
    public async Task A_new_service_appears_in_a_new_snapshot_and_goes_when_deleted()
    {
        using var call = _client.WatchCluster(new SessionRef { SessionSecret = _session });
        await NextAsync(call, i => Addresses(i, Orders) is not null, "with orders");

        var created = await _cluster.Admin.CreateNamespacedServiceAsync(ClusterFixture.Service("payments"), "shop");
        var added = await NextAsync(call, i => Addresses(i, "payments.shop.svc.corp.test") is not null, "with payments");
        await _cluster.Admin.DeleteNamespacedServiceAsync("payments", "shop");
        var removed = await NextAsync(call, i => Addresses(i, "payments.shop.svc.corp.test") is null, "without payments");

        Assert.Equal([created.Spec.ClusterIP], Addresses(added, "payments.shop.svc.corp.test"));
        Assert.NotNull(Addresses(removed, Orders));
    }

    [Fact]
    public async Task After_the_api_server_ends_every_watch_and_forgets_its_history_changes_still_arrive()
    {
        using var call = _client.WatchCluster(new SessionRef { SessionSecret = _session });
        await NextAsync(call, i => Addresses(i, Orders) is not null, "with orders");

        // A watch resumed from the old version now gets 410 Gone: only a new list sees what follows.
        _cluster.Server.Store.Compact();
        _cluster.Server.Store.CloseWatches();
        await _cluster.Admin.CreateNamespacedServiceAsync(ClusterFixture.Service("payments"), "shop");
        var info = await NextAsync(call, i => Addresses(i, "payments.shop.svc.corp.test") is not null, "with payments");

        Assert.True(info.HasView);
        Assert.NotNull(Addresses(info, Orders));
    }

    [Fact]
    public async Task Resolve_answers_cluster_names_short_and_long_from_the_view()
    {
        var clusterIp = (await _cluster.Admin.ReadNamespacedServiceAsync("orders", "shop")).Spec.ClusterIP;
        using (var call = _client.WatchCluster(new SessionRef { SessionSecret = _session }))
        {
            await NextAsync(call, i => Addresses(i, Orders) is not null, "with orders");
        }

        foreach (var name in new[] { "orders.shop", "orders.shop.svc", Orders, Orders + ".", "ORDERS.Shop", "db-0.db.shop" })
        {
            var reply = await _client.ResolveAsync(new ResolveRequest { SessionSecret = _session, Name = name });

            Assert.NotEmpty(reply.Addresses);
            if (name.StartsWith("orders", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal([clusterIp], reply.Addresses);
            }
        }
    }

    [Fact]
    public async Task An_agent_session_may_not_watch_the_cluster()
    {
        var agent = (await _client.ArriveAsAgentAsync(new AgentArrival { Workload = "orders", Namespace = "shop" })).SessionSecret;
        using var call = _client.WatchCluster(new SessionRef { SessionSecret = agent });

        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_is_refused()
    {
        using var call = _cluster.Manager.Client("wrong-token").WatchCluster(new SessionRef { SessionSecret = _session });

        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }
}
