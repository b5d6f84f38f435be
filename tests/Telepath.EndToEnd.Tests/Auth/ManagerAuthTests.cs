using Grpc.Core;
using Grpc.Net.Client;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Protocol.Manager;

namespace Telepath.EndToEnd.Tests.Auth;

/// <summary>The manager's API is closed to callers without its token, and they change nothing.</summary>
[Collection(RefusalsCollection.Name)]
public sealed class ManagerAuthTests(ClusterFixture cluster)
{
    [Theory]
    [InlineData("not-the-token")]
    [InlineData(null)]
    public async Task A_call_with_a_wrong_or_missing_token_is_unauthenticated(string? token)
    {
        using var link = token is null ? null : Telepath.Tunnels.Links.ManagerLink.Create(cluster.ManagerAddress, token);
        using var channel = link?.Channel
            ?? GrpcChannel.ForAddress($"http://{cluster.ManagerAddress}", new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } });
        var manager = new Manager.ManagerClient(channel);

        var asClient = await Assert.ThrowsAsync<RpcException>(async () =>
            await manager.ArriveAsClientAsync(new ClientArrival { Name = "mallory@evil", Version = "0" }));
        var asAgent = await Assert.ThrowsAsync<RpcException>(async () =>
            await manager.ArriveAsAgentAsync(new AgentArrival { Workload = "sneaky", Namespace = "default", WorkloadKind = "Deployment" }));

        Assert.Equal(StatusCode.Unauthenticated, asClient.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, asAgent.StatusCode);
        Assert.False(await ManagerProbe.HasAgentAsync(cluster.ManagerAddress, cluster.Token, "sneaky"));
    }
}
