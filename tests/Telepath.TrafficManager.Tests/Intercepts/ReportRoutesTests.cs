using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Intercepts;

/// <summary>ReportRoutes over the real gRPC API: what the agents apply is what the clients' watches show.</summary>
public sealed class ReportRoutesTests : IAsyncLifetime
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
    public async Task The_clients_watch_shows_the_intercept_waiting_until_the_agent_reports_and_then_active()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var created = await CreateGlobalInterceptAsync();
        using var watch = _client.WatchIntercepts(new SessionRef { SessionSecret = _clientSession }, cancellationToken: stop.Token);
        var first = await NextAsync(watch, stop.Token);
        Assert.Equal(InterceptState.Waiting, first.State);
        Assert.Equal("waiting for 1 of 1 traffic agent of orders to apply it (pod orders-7d9f-x1)", first.StateReason);

        await _agent.ReportRoutesAsync(new RoutesReport { SessionSecret = _agentSession, InterceptIds = { created.Id } }, cancellationToken: stop.Token);

        InterceptInfo seen;
        do
        {
            seen = await NextAsync(watch, stop.Token);
        }
        while (seen.State == InterceptState.Waiting);

        Assert.Equal(InterceptState.Active, seen.State);
        Assert.Equal("", seen.StateReason);
    }

    [Fact]
    public async Task A_client_session_may_not_report_routes()
    {
        var created = await CreateGlobalInterceptAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.ReportRoutesAsync(new RoutesReport { SessionSecret = _clientSession, InterceptIds = { created.Id } }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_session_the_manager_does_not_know_must_arrive_again_before_it_reports()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _agent.ReportRoutesAsync(new RoutesReport { SessionSecret = Guid.NewGuid().ToString() }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private Task<InterceptInfo> CreateGlobalInterceptAsync() =>
        _client.CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionSecret = _clientSession,
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        }).ResponseAsync;

    private static async Task<InterceptInfo> NextAsync(AsyncServerStreamingCall<InterceptSnapshot> watch, CancellationToken cancellationToken)
    {
        Assert.True(await watch.ResponseStream.MoveNext(cancellationToken), "the manager ended the watch");
        return Assert.Single(watch.ResponseStream.Current.Intercepts);
    }
}
