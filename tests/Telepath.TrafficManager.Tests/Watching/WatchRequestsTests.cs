using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Watching;

/// <summary>ReportRequests and WatchRequests over the real gRPC API.</summary>
public sealed class WatchRequestsTests : IAsyncLifetime
{
    private LoopbackManager _manager = null!;
    private ProtocolManager.ManagerClient _agent = null!;
    private ProtocolManager.ManagerClient _client = null!;
    private string _agentSession = "";
    private string _clientSession = "";

    public async Task InitializeAsync()
    {
        _manager = await LoopbackManager.StartAsync();
        _agent = _manager.Client();
        _client = _manager.Client();
        _agentSession = (await _agent.ArriveAsAgentAsync(new AgentArrival { Workload = "orders", Namespace = "default", PodName = "orders-7d9f-x1" })).SessionSecret;
        _clientSession = (await _client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
    }

    public async Task DisposeAsync() => await _manager.DisposeAsync();

    [Fact]
    public async Task Agents_are_told_to_record_while_a_client_watches_and_its_events_reach_the_watcher()
    {
        using var intercepts = _agent.WatchIntercepts(new SessionRef { SessionSecret = _agentSession });
        Assert.False((await NextAsync(intercepts)).Watched);

        using (var watch = _client.WatchRequests(new WatchRequestsRequest { SessionSecret = _clientSession, All = true }))
        {
            Assert.Empty((await NextAsync(watch)).Events);
            while (!(await NextAsync(intercepts)).Watched)
            {
            }

            using var report = _agent.ReportRequests();
            await report.RequestStream.WriteAsync(new RequestEventBatch
            {
                SessionSecret = _agentSession,
                Events = { new RequestEvent { Workload = "billing", Method = "GET", Path = "/x", Status = 200 } },
            });

            var seen = (await NextAsync(watch)).Events.Single();
            Assert.Equal(("orders", "default", "orders-7d9f-x1", "/x"), (seen.Workload, seen.Namespace, seen.Pod, seen.Path));
        }

        while ((await NextAsync(intercepts)).Watched)
        {
        }
    }

    [Fact]
    public async Task A_client_session_may_not_report_requests()
    {
        using var report = _client.ReportRequests();
        await report.RequestStream.WriteAsync(new RequestEventBatch { SessionSecret = _clientSession });
        await report.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await report.ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task An_agent_session_may_not_watch_requests()
    {
        using var watch = _agent.WatchRequests(new WatchRequestsRequest { SessionSecret = _agentSession });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private static async Task<T> NextAsync<T>(AsyncServerStreamingCall<T> call)
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the stream ended");
        return call.ResponseStream.Current;
    }
}
