using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Telepath.Core.Grpc;
using Telepath.Core.Tunnels;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>
/// The daemon's part of the protocol, driven by hand: a client session that holds intercepts and
/// answers the manager's dials by connecting to its target and relaying through a Tunnel.
/// </summary>
internal sealed class FakeLaptop : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private Task _dials = Task.CompletedTask;
    private Task _remain = Task.CompletedTask;

    private FakeLaptop(GrpcChannel channel, string sessionId)
    {
        _channel = channel;
        Manager = new Manager.ManagerClient(channel);
        SessionId = sessionId;
    }

    public Manager.ManagerClient Manager { get; }

    public string SessionId { get; }

    private int _dialsAnswered;

    /// <summary>Tunnels this laptop carried to its target: one per TCP connection, however many requests it held.</summary>
    public int DialsAnswered => Volatile.Read(ref _dialsAnswered);

    public static async Task<FakeLaptop> ArriveAsync(string managerAddress, string token, bool answerDials = true)
    {
        var channel = ManagerChannel.Create(managerAddress, token);
        var client = new Manager.ManagerClient(channel);
        var info = await client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop", Version = "v0.1.0" });
        var laptop = new FakeLaptop(channel, info.SessionId);
        laptop._remain = laptop.RemainAsync();
        if (answerDials)
        {
            laptop.WatchDials();
        }

        return laptop;
    }

    /// <summary>Creates the intercept once the agent has arrived (before that the manager does not know the workload).</summary>
    public async Task<InterceptInfo> InterceptAsync(InterceptSpec spec)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                return await Manager.CreateInterceptAsync(new CreateInterceptRequest { SessionId = SessionId, Spec = spec }, cancellationToken: timeout.Token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    public async Task LeaveAsync(string name) =>
        await Manager.RemoveInterceptAsync(new RemoveInterceptRequest { SessionId = SessionId, Name = name });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _dials, _remain })
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException)
            {
            }
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    private async Task RemainAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            await Manager.RemainAsync(new SessionRef { SessionId = SessionId }, cancellationToken: _stop.Token);
        }
    }

    private void WatchDials()
    {
        // Started before any intercept is created, on the same connection, so the manager knows it can dial.
        var call = Manager.WatchDials(new SessionRef { SessionId = SessionId }, cancellationToken: _stop.Token);
        _dials = Task.Run(async () =>
        {
            using (call)
            {
                await foreach (var dial in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    _ = AnswerAsync(dial);
                }
            }
        });
    }

    private async Task AnswerAsync(DialRequest dial)
    {
        var call = Manager.Tunnel(cancellationToken: _stop.Token);
        var open = new TunnelOpen { SessionId = SessionId, ConnectionId = dial.ConnectionId };
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(dial.TargetHost, dial.TargetPort, _stop.Token);
        }
        catch (SocketException e)
        {
            open.Error = new TunnelError { Code = TunnelErrorCode.TargetUnreachable, Message = $"connection refused by {dial.TargetHost}:{dial.TargetPort} ({e.SocketErrorCode})" };
            await call.RequestStream.WriteAsync(new TunnelMessage { Open = open });
            await call.RequestStream.CompleteAsync();
            // Let the manager finish the call: cancelling it now could drop the error before it is relayed.
            while (await call.ResponseStream.MoveNext(_stop.Token))
            {
            }

            call.Dispose();
            return;
        }

        Interlocked.Increment(ref _dialsAnswered);
        await call.RequestStream.WriteAsync(new TunnelMessage { Open = open });
        await using var tunnel = new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync(), call);
        await DuplexRelay.RunAsync(RelayEnds.ForSocket(socket), RelayEnds.ForTunnel(tunnel), _stop.Token);
    }
}
