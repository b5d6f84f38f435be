using Telepath.KubeApi.TestServer;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.TrafficManager.Cluster;
using static Telepath.TrafficManager.Tests.Cluster.ClusterStream;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class NoClusterViewTests
{
    [Fact]
    public async Task A_manager_without_access_to_a_cluster_has_no_view()
    {
        await using var manager = await LoopbackManager.StartAsync(configure: options => options with { Cluster = ClusterAccess.FromEnvironment(_ => null) });
        var client = manager.Client();
        var session = (await client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
        using var call = client.WatchCluster(new SessionRef { SessionSecret = session });

        var info = await NextAsync(call, _ => true, "at all");

        Assert.Equal(new ClusterInfo { HasView = false }, info);
    }

    [Fact]
    public async Task An_api_server_that_cannot_be_reached_leaves_the_manager_working_without_a_view()
    {
        var directory = Directory.CreateTempSubdirectory("tp-cluster-view-").FullName;
        try
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            await using (var server = await KubeApiServer.StartAsync())
            {
                server.WriteKubeconfig(kubeconfig);
            }

            await using var manager = await LoopbackManager.StartAsync(configure: options => options with { Cluster = ClusterAccess.Kubeconfig(kubeconfig) });
            var client = manager.Client();
            var session = (await client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
            using var call = client.WatchCluster(new SessionRef { SessionSecret = session });

            var info = await NextAsync(call, _ => true, "at all");
            var localhost = await client.ResolveAsync(new ResolveRequest { SessionSecret = session, Name = "localhost" });

            Assert.False(info.HasView);
            Assert.NotEmpty(localhost.Addresses);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
