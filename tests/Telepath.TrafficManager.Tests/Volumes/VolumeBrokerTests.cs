using System.Text;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using Telepath.Testing.Polling;
using Telepath.Tunnels.Links;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Volumes;

public class VolumeBrokerTests : IAsyncLifetime
{
    private LoopbackManager _manager = null!;
    private ManagerLink _agent = null!;
    private ManagerLink _laptop = null!;
    private string _agentSession = "";
    private string _laptopSession = "";

    public async Task InitializeAsync()
    {
        // A laptop waits for a standby that is still on its way rather than race it; the limit is a safety net.
        await StartAsync(Poll.Limit);
    }

    public async Task DisposeAsync() => await _manager.DisposeAsync();

    [Fact]
    public async Task A_laptops_volumes_tunnel_is_joined_to_an_agents_standby_with_the_volume_passed_on()
    {
        var intercept = await CreateInterceptAsync();
        await using var standby = ParkFromAgent();

        await using var laptop = OpenFromLaptop(intercept.Id, "/etc/config");
        var answer = await laptop.AnswerAsync();
        Assert.True(answer.Established, answer.Message);
        var offered = await standby.AnswerAsync();
        Assert.True(offered.Established, offered.Message);
        Assert.Equal("/etc/config", offered.Header(TunnelWire.VolumeHeader));
        Assert.Equal("alice@laptop", offered.Header(TunnelWire.ClientHeader));
        Assert.Equal(answer.Header(TunnelWire.ConnectionHeader), offered.Header(TunnelWire.ConnectionHeader));

        await laptop.WriteAsync("sftp init"u8.ToArray());
        await laptop.ShutdownWriteAsync();
        Assert.Equal("sftp init", await ReadToEndAsync(standby));
        await standby.WriteAsync("sftp version"u8.ToArray());
        await standby.ShutdownWriteAsync();
        Assert.Equal("sftp version", await ReadToEndAsync(laptop));
        Assert.True(laptop.Closed && standby.Closed);
    }

    [Fact]
    public async Task An_empty_volume_asks_for_the_list_and_reaches_the_agent_empty()
    {
        var intercept = await CreateInterceptAsync();
        await using var standby = ParkFromAgent();

        await using var laptop = OpenFromLaptop(intercept.Id, "");

        Assert.True((await laptop.AnswerAsync()).Established);
        var offered = await standby.AnswerAsync();
        Assert.True(offered.Established);
        Assert.Equal("", offered.Header(TunnelWire.VolumeHeader));
    }

    [Fact]
    public async Task A_laptop_that_does_not_hold_the_intercept_is_refused_and_the_standby_stays_parked()
    {
        var intercept = await CreateInterceptAsync();
        await using var standby = ParkFromAgent();
        var mallory = _manager.Link();
        var malloriesSession = (await Client(mallory).ArriveAsClientAsync(new ClientArrival { Name = "mallory@laptop" })).SessionSecret;

        await using var stolen = mallory.Tunnels.Open(TunnelWire.VolumesPath, Headers(malloriesSession, intercept.Id, "/etc/config"));

        Assert.Equal(TunnelErrorCode.NotPermitted, (await stolen.AnswerAsync()).Refusal);
        Assert.False(standby.Answered);
    }

    [Fact]
    public async Task A_volumes_tunnel_for_an_intercept_that_is_gone_is_refused()
    {
        await using var laptop = OpenFromLaptop(Guid.NewGuid().ToString(), "");

        Assert.Equal(TunnelErrorCode.NoSuchIntercept, (await laptop.AnswerAsync()).Refusal);
    }

    [Theory]
    [InlineData("etc/config")]
    [InlineData("/etc/../root")]
    [InlineData("/")]
    [InlineData("/etc/config/")]
    public async Task A_volume_path_no_volume_can_have_is_refused_before_any_agent_is_asked(string volume)
    {
        var intercept = await CreateInterceptAsync();
        await using var standby = ParkFromAgent();

        await using var laptop = OpenFromLaptop(intercept.Id, volume);

        Assert.Equal(TunnelErrorCode.NoSuchVolume, (await laptop.AnswerAsync()).Refusal);
        Assert.False(standby.Answered);
    }

    [Fact]
    public async Task With_no_agent_standby_the_laptop_is_told_volumes_are_unavailable()
    {
        await _manager.DisposeAsync();
        await StartAsync(TimeSpan.Zero);
        var intercept = await CreateInterceptAsync();

        await using var laptop = OpenFromLaptop(intercept.Id, "");
        var answer = await laptop.AnswerAsync();

        Assert.Equal(TunnelErrorCode.VolumesUnavailable, answer.Refusal);
        Assert.Contains("default/orders", answer.Message);
    }

    [Fact]
    public async Task An_agent_may_not_open_a_volumes_tunnel_and_a_laptop_may_not_park_a_volume_standby()
    {
        var intercept = await CreateInterceptAsync();

        await using var asAgent = _agent.Tunnels.Open(TunnelWire.VolumesPath, Headers(_agentSession, intercept.Id, ""));
        await using var asLaptop = _laptop.Tunnels.Open(TunnelWire.VolumeStandbyPath, [new(TunnelWire.SessionHeader, _laptopSession)]);

        Assert.Equal(TunnelErrorCode.NotPermitted, (await asAgent.AnswerAsync()).Refusal);
        Assert.Equal(TunnelErrorCode.NotPermitted, (await asLaptop.AnswerAsync()).Refusal);
    }

    [Fact]
    public async Task An_agent_may_not_park_more_than_its_share_of_volume_standbys()
    {
        var intercept = await CreateInterceptAsync();
        var offered = Enumerable.Range(0, 5).Select(_ => ParkFromAgent()).ToList();
        try
        {
            // They reach the manager in any order; whichever comes fifth is the one refused.
            var first = await Task.WhenAny(offered.Select(standby => standby.AnswerAsync()));

            Assert.Equal(TunnelErrorCode.NotPermitted, (await first).Refusal);
            Assert.Equal(4, offered.Count(standby => !standby.Answered));
            await using var laptop = OpenFromLaptop(intercept.Id, "");
            Assert.True((await laptop.AnswerAsync()).Established);
        }
        finally
        {
            foreach (var standby in offered)
            {
                await standby.DisposeAsync();
            }
        }
    }

    private async Task StartAsync(TimeSpan wait)
    {
        _manager = await LoopbackManager.StartAsync(configure: options => options with { VolumeStandbyWait = wait });
        _agent = _manager.Link();
        _laptop = _manager.Link();
        _agentSession = (await Client(_agent).ArriveAsAgentAsync(new AgentArrival { Workload = "orders", Namespace = "default" })).SessionSecret;
        _laptopSession = (await Client(_laptop).ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionSecret;
    }

    private static ProtocolManager.ManagerClient Client(ManagerLink link) => new(link.Channel);

    private Task<InterceptInfo> CreateInterceptAsync() =>
        Client(_laptop).CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionSecret = _laptopSession,
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        }).ResponseAsync;

    private TunnelStream ParkFromAgent() =>
        _agent.Tunnels.Open(TunnelWire.VolumeStandbyPath, [new(TunnelWire.SessionHeader, _agentSession)]);

    private TunnelStream OpenFromLaptop(string interceptId, string volume) =>
        _laptop.Tunnels.Open(TunnelWire.VolumesPath, Headers(_laptopSession, interceptId, volume));

    private static KeyValuePair<string, string>[] Headers(string session, string interceptId, string volume) =>
        [new(TunnelWire.SessionHeader, session), new(TunnelWire.InterceptHeader, interceptId), new(TunnelWire.VolumeHeader, volume)];

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
