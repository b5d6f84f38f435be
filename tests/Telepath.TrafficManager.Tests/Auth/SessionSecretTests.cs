using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Auth;

/// <summary>
/// Session ids are public (every client sees who holds an intercept); only a session's secret, which only
/// it received, acts on the session. Over the real gRPC API, as another laptop would try.
/// </summary>
public sealed class SessionSecretTests : IAsyncLifetime
{
    private LoopbackManager _manager = null!;
    private ProtocolManager.ManagerClient _alice = null!;
    private ProtocolManager.ManagerClient _mallory = null!;
    private SessionInfo _aliceSession = null!;
    private SessionInfo _mallorySession = null!;
    private SessionInfo _agentSession = null!;

    public async Task InitializeAsync()
    {
        _manager = await LoopbackManager.StartAsync();
        _alice = _manager.Client();
        _mallory = _manager.Client();
        _agentSession = await _manager.Client().ArriveAsAgentAsync(new AgentArrival { Workload = "orders", Namespace = "default", Environment = { ["DB_PASSWORD"] = "hunter2" } });
        _aliceSession = await _alice.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });
        _mallorySession = await _mallory.ArriveAsClientAsync(new ClientArrival { Name = "mallory@laptop" });
    }

    public async Task DisposeAsync() => await _manager.DisposeAsync();

    [Fact]
    public async Task The_secret_is_not_the_id_and_appears_nowhere_another_session_can_read()
    {
        await CreateAsync();

        var seen = await FirstSnapshotAsync(_mallory, _mallorySession);
        var agents = await FirstAgentsAsync(_mallory, _mallorySession);

        Assert.NotEqual(_aliceSession.SessionId, _aliceSession.SessionSecret);
        Assert.Equal(_aliceSession.SessionId, Assert.Single(seen.Intercepts).ClientSessionId);
        Assert.DoesNotContain(_aliceSession.SessionSecret, seen.ToString(), StringComparison.Ordinal);
        Assert.Equal(_agentSession.SessionId, Assert.Single(agents.Agents).SessionId);
        Assert.DoesNotContain(_agentSession.SessionSecret, agents.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_sessions_public_id_acts_on_nothing()
    {
        var intercept = await CreateAsync();
        var stolen = _aliceSession.SessionId;

        var remain = await Assert.ThrowsAsync<RpcException>(async () => await _mallory.RemainAsync(new SessionRef { SessionSecret = stolen }));
        var remove = await Assert.ThrowsAsync<RpcException>(async () => await _mallory.RemoveInterceptAsync(new RemoveInterceptRequest { SessionSecret = stolen, Name = "orders" }));
        await _mallory.DepartAsync(new SessionRef { SessionSecret = stolen });

        Assert.Equal(StatusCode.NotFound, remain.StatusCode);
        Assert.Equal(StatusCode.NotFound, remove.StatusCode);
        Assert.DoesNotContain(stolen, remove.Status.Detail, StringComparison.Ordinal);
        var after = await FirstSnapshotAsync(_alice, _aliceSession);
        Assert.Equal(intercept.Id, Assert.Single(after.Intercepts).Id);
        await _alice.RemainAsync(new SessionRef { SessionSecret = _aliceSession.SessionSecret });
    }

    [Fact]
    public async Task The_environment_goes_to_the_intercepts_holder_only()
    {
        var created = await CreateAsync();

        var holders = await FirstSnapshotAsync(_alice, _aliceSession);
        var others = await FirstSnapshotAsync(_mallory, _mallorySession);

        Assert.Equal("hunter2", created.Environment["DB_PASSWORD"]);
        Assert.Equal("hunter2", Assert.Single(holders.Intercepts).Environment["DB_PASSWORD"]);
        Assert.Empty(Assert.Single(others.Intercepts).Environment);
        Assert.DoesNotContain("hunter2", others.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", (await FirstAgentsAsync(_mallory, _mallorySession)).ToString(), StringComparison.Ordinal);
    }

    private async Task<InterceptInfo> CreateAsync() =>
        await _alice.CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionSecret = _aliceSession.SessionSecret,
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        });

    private static async Task<InterceptSnapshot> FirstSnapshotAsync(ProtocolManager.ManagerClient client, SessionInfo session)
    {
        using var watch = client.WatchIntercepts(new SessionRef { SessionSecret = session.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the manager ended the watch");
        return watch.ResponseStream.Current;
    }

    private static async Task<AgentSnapshot> FirstAgentsAsync(ProtocolManager.ManagerClient client, SessionInfo session)
    {
        using var watch = client.WatchAgents(new SessionRef { SessionSecret = session.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the manager ended the watch");
        return watch.ResponseStream.Current;
    }
}
