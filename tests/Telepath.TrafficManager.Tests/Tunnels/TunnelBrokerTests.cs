using System.Text;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Tunnels.Links;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Tunnels;

public class TunnelBrokerTests : IAsyncLifetime
{
    private LoopbackManager _manager = null!;
    private ManagerLink _agent = null!;
    private ManagerLink _laptop = null!;
    private string _agentSession = "";
    private string _laptopSession = "";

    public async Task InitializeAsync()
    {
        _manager = await LoopbackManager.StartAsync();
        _agent = _manager.Link();
        _laptop = _manager.Link();
        _agentSession = (await Client(_agent).ArriveAsAgentAsync(new AgentArrival { Workload = "orders", Namespace = "default" })).SessionSecret;
        _laptopSession = (await Client(_laptop).ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
    }

    public async Task DisposeAsync() => await _manager.DisposeAsync();

    [Fact]
    public async Task An_agent_tunnel_is_joined_to_a_parked_standby_and_bytes_and_half_closes_cross_both_ways()
    {
        var intercept = await CreateGlobalInterceptAsync();
        await using var standby = Park(intercept.Id);

        await using var agent = OpenFromAgent(intercept.Id);
        var answer = await agent.AnswerAsync();
        Assert.True(answer.Established, answer.Message);
        Assert.Equal("alice@laptop", answer.Header(TunnelWire.ClientHeader));
        Assert.True((await standby.AnswerAsync()).Established);
        Assert.Equal(answer.Header(TunnelWire.ConnectionHeader), (await standby.AnswerAsync()).Header(TunnelWire.ConnectionHeader));

        await agent.WriteAsync("ping"u8.ToArray());
        await agent.ShutdownWriteAsync();
        Assert.Equal("ping", await ReadToEndAsync(standby));
        // The agent's half-close left the other direction open: the laptop still answers after it.
        await DialReply.WriteConnectedAsync(standby, CancellationToken.None);
        await standby.WriteAsync("pong"u8.ToArray());
        await standby.ShutdownWriteAsync();
        Assert.Equal("pong", await ReadToEndAsync(agent));
        Assert.True(agent.Closed && standby.Closed);
    }

    [Fact]
    public async Task The_agents_first_bytes_reach_the_laptop_before_it_has_sent_anything()
    {
        var intercept = await CreateGlobalInterceptAsync();
        await using var standby = Park(intercept.Id);

        await using var agent = OpenFromAgent(intercept.Id);
        Assert.True((await agent.AnswerAsync()).Established);
        await agent.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());

        var received = new byte[18];
        await standby.ReadExactlyAsync(received);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", Encoding.ASCII.GetString(received));
    }

    [Fact]
    public async Task A_laptop_with_no_standby_is_reported_unreachable_so_the_agent_can_fail_open()
    {
        var intercept = await CreateGlobalInterceptAsync();

        await using var agent = OpenFromAgent(intercept.Id);
        var answer = await agent.AnswerAsync();

        Assert.Equal(TunnelErrorCode.ClientUnreachable, answer.Refusal);
        Assert.Contains("alice@laptop", answer.Message);
    }

    [Fact]
    public async Task A_failed_local_dial_reaches_the_agent_as_the_laptops_reply()
    {
        var intercept = await CreateGlobalInterceptAsync();
        await using var standby = Park(intercept.Id);
        await using var agent = OpenFromAgent(intercept.Id);
        Assert.True((await agent.AnswerAsync()).Established);

        Assert.True((await standby.AnswerAsync()).Established);
        await DialReply.WriteFailedAsync(standby, TunnelErrorCode.TargetUnreachable, "connection refused by 127.0.0.1:8080", CancellationToken.None);
        await standby.ShutdownWriteAsync();

        var error = await Assert.ThrowsAsync<TunnelException>(async () => await agent.CopyToAsync(Stream.Null));
        Assert.Equal(TunnelErrorCode.TargetUnreachable, error.Code);
        Assert.Equal("connection refused by 127.0.0.1:8080", error.Message);
    }

    [Fact]
    public async Task A_reset_on_either_side_reaches_the_other_as_an_abort()
    {
        var intercept = await CreateGlobalInterceptAsync();
        await using var standby = Park(intercept.Id);
        await using var agent = OpenFromAgent(intercept.Id);
        Assert.True((await agent.AnswerAsync()).Established);
        Assert.True((await standby.AnswerAsync()).Established);
        await DialReply.WriteConnectedAsync(standby, CancellationToken.None);
        await agent.WriteAsync("half a request"u8.ToArray());

        standby.Abort();

        var error = await Assert.ThrowsAsync<TunnelException>(() => ReadToEndAsync(agent));
        Assert.Equal(TunnelErrorCode.Aborted, error.Code);
    }

    [Fact]
    public async Task An_agent_that_resets_resets_the_laptops_tunnel()
    {
        var intercept = await CreateGlobalInterceptAsync();
        await using var standby = Park(intercept.Id);
        await using var agent = OpenFromAgent(intercept.Id);
        Assert.True((await agent.AnswerAsync()).Established);
        Assert.True((await standby.AnswerAsync()).Established);

        agent.Abort();

        var error = await Assert.ThrowsAsync<TunnelException>(() => ReadToEndAsync(standby));
        Assert.Equal(TunnelErrorCode.Aborted, error.Code);
    }

    [Fact]
    public async Task A_tunnel_for_an_intercept_that_is_gone_is_refused()
    {
        await using var agent = OpenFromAgent(Guid.NewGuid().ToString());

        Assert.Equal(TunnelErrorCode.NoSuchIntercept, (await agent.AnswerAsync()).Refusal);
    }

    [Fact]
    public async Task An_agent_of_another_workload_may_not_open_a_tunnel_for_the_intercept()
    {
        var intercept = await CreateGlobalInterceptAsync();
        var other = _manager.Link();
        var otherSession = (await Client(other).ArriveAsAgentAsync(new AgentArrival { Workload = "payments", Namespace = "default" })).SessionSecret;
        await using var standby = Park(intercept.Id);

        await using var tunnel = other.Tunnels.Open(TunnelWire.InterceptPath, [new(TunnelWire.SessionHeader, otherSession), new(TunnelWire.InterceptHeader, intercept.Id)]);

        Assert.Equal(TunnelErrorCode.NotPermitted, (await tunnel.AnswerAsync()).Refusal);
        Assert.False(standby.Answered);
    }

    [Fact]
    public async Task Only_the_laptop_that_holds_the_intercept_may_offer_standbys_for_it()
    {
        var intercept = await CreateGlobalInterceptAsync();
        var mallory = _manager.Link();
        var malloriesSession = (await Client(mallory).ArriveAsClientAsync(new ClientArrival { Name = "mallory@laptop" })).SessionSecret;

        await using var stolen = mallory.Tunnels.Open(TunnelWire.StandbyPath, [new(TunnelWire.SessionHeader, malloriesSession), new(TunnelWire.InterceptHeader, intercept.Id)]);
        await using var asAgent = _agent.Tunnels.Open(TunnelWire.StandbyPath, [new(TunnelWire.SessionHeader, _agentSession), new(TunnelWire.InterceptHeader, intercept.Id)]);

        Assert.Equal(TunnelErrorCode.NotPermitted, (await stolen.AnswerAsync()).Refusal);
        Assert.Equal(TunnelErrorCode.NotPermitted, (await asAgent.AnswerAsync()).Refusal);
    }

    [Fact]
    public async Task Leaving_the_intercept_tells_its_parked_standbys_it_is_gone()
    {
        var intercept = await CreateGlobalInterceptAsync();
        await using var standby = Park(intercept.Id);

        await Client(_laptop).RemoveInterceptAsync(new RemoveInterceptRequest { SessionSecret = _laptopSession, Name = "orders" });

        Assert.Equal(TunnelErrorCode.NoSuchIntercept, (await standby.AnswerAsync()).Refusal);
    }

    [Fact]
    public async Task A_tunnel_with_a_wrong_token_or_an_unknown_session_is_refused()
    {
        var intercept = await CreateGlobalInterceptAsync();

        await using var wrongToken = _manager.Link("wrong").Tunnels.Open(TunnelWire.InterceptPath, [new(TunnelWire.SessionHeader, _agentSession), new(TunnelWire.InterceptHeader, intercept.Id)]);
        await using var unknownSession = _agent.Tunnels.Open(TunnelWire.InterceptPath, [new(TunnelWire.SessionHeader, Guid.NewGuid().ToString()), new(TunnelWire.InterceptHeader, intercept.Id)]);

        Assert.Equal(TunnelErrorCode.NotPermitted, (await wrongToken.AnswerAsync()).Refusal);
        Assert.Equal(TunnelErrorCode.UnknownSession, (await unknownSession.AnswerAsync()).Refusal);
    }

    private static ProtocolManager.ManagerClient Client(ManagerLink link) => new(link.Channel);

    private Task<InterceptInfo> CreateGlobalInterceptAsync() =>
        Client(_laptop).CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionSecret = _laptopSession,
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        }).ResponseAsync;

    private TunnelStream Park(string interceptId) =>
        _laptop.Tunnels.Open(TunnelWire.StandbyPath, [new(TunnelWire.SessionHeader, _laptopSession), new(TunnelWire.InterceptHeader, interceptId)]);

    private TunnelStream OpenFromAgent(string interceptId) =>
        _agent.Tunnels.Open(TunnelWire.InterceptPath, [new(TunnelWire.SessionHeader, _agentSession), new(TunnelWire.InterceptHeader, interceptId)], expectsDialReply: true);

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
