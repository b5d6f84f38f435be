using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;

namespace Telepath.TrafficManager.Tests.Auth;

public class BearerTokenTests
{
    [Theory]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task A_call_without_the_token_is_unauthenticated_and_creates_no_session(string token)
    {
        await using var manager = await LoopbackManager.StartAsync();
        var intruder = manager.Client(token);
        var owner = manager.Client();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await intruder.ArriveAsAgentAsync(new AgentArrival { Workload = "orders" }));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var session = await owner.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });
        using var agents = owner.WatchAgents(new SessionRef { SessionSecret = session.SessionSecret });
        Assert.True(await agents.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Empty(agents.ResponseStream.Current.Agents);
    }

    [Fact]
    public async Task A_streaming_call_without_the_token_is_unauthenticated()
    {
        await using var manager = await LoopbackManager.StartAsync();

        using var call = manager.Client("wrong").WatchIntercepts(new SessionRef { SessionSecret = "x" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_large_message_without_the_token_is_refused_before_its_body_is_read()
    {
        await using var manager = await LoopbackManager.StartAsync();

        // Over the manager's message cap: a manager that read the body first would answer ResourceExhausted.
        var error = await Assert.ThrowsAsync<RpcException>(async () => await manager.Client("wrong").ArriveAsAgentAsync(LargeArrival()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_message_over_the_cap_is_refused_and_the_manager_goes_on_serving()
    {
        await using var manager = await LoopbackManager.StartAsync();
        var client = manager.Client();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ArriveAsAgentAsync(LargeArrival()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var session = await client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });
        Assert.NotEmpty(session.SessionId);
    }

    private static AgentArrival LargeArrival() => new()
    {
        Workload = "orders",
        Environment = { ["BLOB"] = new string('x', 2 * 1024 * 1024) },
    };
}
