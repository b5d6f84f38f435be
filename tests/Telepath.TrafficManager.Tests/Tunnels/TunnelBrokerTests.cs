using System.Text;
using Grpc.Core;
using Telepath.Core.Tunnels;
using Telepath.Protocol.Manager;
using Telepath.Testing.Managers;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Tunnels;

public class TunnelBrokerTests : IAsyncLifetime
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
        _agentSession = (await _agent.ArriveAsAgentAsync(new AgentArrival { Workload = "orders", Namespace = "default" })).SessionId;
        _clientSession = (await _client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" })).SessionId;
    }

    public async Task DisposeAsync() => await _manager.DisposeAsync();

    [Fact]
    public async Task Bytes_and_half_closes_cross_the_manager_both_ways()
    {
        var intercept = await CreateGlobalInterceptAsync();
        using var dials = _client.WatchDials(new SessionRef { SessionId = _clientSession });
        await Task.Delay(100); // let the dial watch register before the agent opens

        var agentSide = OpenFromAgentAsync(intercept.Id);
        Assert.True(await dials.ResponseStream.MoveNext(CancellationToken.None));
        var dial = dials.ResponseStream.Current;
        Assert.Equal("orders", dial.InterceptName);
        Assert.Equal(8080, dial.TargetPort);
        await using var clientTunnel = await AnswerAsync(dial.ConnectionId);
        await using var agentTunnel = await agentSide;

        await agentTunnel.WriteAsync("ping"u8.ToArray());
        await agentTunnel.ShutdownWriteAsync();
        Assert.Equal("ping", await ReadToEndAsync(clientTunnel));
        await clientTunnel.WriteAsync("pong"u8.ToArray());
        await clientTunnel.ShutdownWriteAsync();
        Assert.Equal("pong", await ReadToEndAsync(agentTunnel));
    }

    [Fact]
    public async Task A_client_with_no_dial_watch_is_reported_unreachable_at_once()
    {
        var intercept = await CreateGlobalInterceptAsync();

        var error = await Assert.ThrowsAsync<TunnelException>(() => OpenFromAgentAsync(intercept.Id).WaitAsync(TimeSpan.FromSeconds(2)));

        Assert.Equal(TunnelErrorCode.ClientUnreachable, error.Code);
    }

    [Fact]
    public async Task A_failed_local_dial_reaches_the_agent_in_place_of_a_tunnel()
    {
        var intercept = await CreateGlobalInterceptAsync();
        using var dials = _client.WatchDials(new SessionRef { SessionId = _clientSession });
        await Task.Delay(100);

        var agentSide = OpenFromAgentAsync(intercept.Id);
        Assert.True(await dials.ResponseStream.MoveNext(CancellationToken.None));
        using var answer = _client.Tunnel();
        await answer.RequestStream.WriteAsync(new TunnelMessage
        {
            Open = new TunnelOpen
            {
                SessionId = _clientSession,
                ConnectionId = dials.ResponseStream.Current.ConnectionId,
                Error = new TunnelError { Code = TunnelErrorCode.TargetUnreachable, Message = "connection refused by 127.0.0.1:8080" },
            },
        });
        await answer.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<TunnelException>(() => agentSide);
        Assert.Equal(TunnelErrorCode.TargetUnreachable, error.Code);
        Assert.Equal("connection refused by 127.0.0.1:8080", error.Message);
    }

    [Fact]
    public async Task A_tunnel_for_an_intercept_that_is_gone_is_refused()
    {
        var error = await Assert.ThrowsAsync<TunnelException>(() => OpenFromAgentAsync(Guid.NewGuid().ToString()));

        Assert.Equal(TunnelErrorCode.NoSuchIntercept, error.Code);
    }

    private Task<InterceptInfo> CreateGlobalInterceptAsync() =>
        _client.CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionId = _clientSession,
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        }).ResponseAsync;

    private async Task<TunnelStream> OpenFromAgentAsync(string interceptId)
    {
        var call = _agent.Tunnel();
        await call.RequestStream.WriteAsync(new TunnelMessage { Open = new TunnelOpen { SessionId = _agentSession, InterceptId = interceptId } });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var first = call.ResponseStream.Current;
        if (first.KindCase == TunnelMessage.KindOneofCase.Error)
        {
            call.Dispose();
            throw new TunnelException(first.Error.Code, first.Error.Message);
        }

        Assert.Equal(TunnelMessage.KindOneofCase.Established, first.KindCase);
        Assert.Equal("alice@laptop", first.Established.ClientName);
        return new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync(), call);
    }

    private async Task<TunnelStream> AnswerAsync(string connectionId)
    {
        var call = _client.Tunnel();
        await call.RequestStream.WriteAsync(new TunnelMessage { Open = new TunnelOpen { SessionId = _clientSession, ConnectionId = connectionId } });
        return new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync(), call);
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).WaitAsync(TimeSpan.FromSeconds(5));
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
