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
        if (answerDials)
        {
            await laptop.WatchDialsAsync();
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
                Console.WriteLine("DEBUG " + SessionId + " " + e.Status.Detail);
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    public async Task LeaveAsync(string name) =>
        await Manager.RemoveInterceptAsync(new RemoveInterceptRequest { SessionId = SessionId, Name = name });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _dials;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    private async Task WatchDialsAsync()
    {
        var call = Manager.WatchDials(new SessionRef { SessionId = SessionId }, cancellationToken: _stop.Token);
        // The manager only dials a client whose watch is live: wait until the call has been answered.
        await call.ResponseHeadersAsync;
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
        using var call = Manager.Tunnel(cancellationToken: _stop.Token);
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
            return;
        }

        Interlocked.Increment(ref _dialsAnswered);
        await call.RequestStream.WriteAsync(new TunnelMessage { Open = open });
        var tunnel = new TunnelStream(call.ResponseStream, call.RequestStream, () => call.RequestStream.CompleteAsync());
        await DuplexRelay.RunAsync(RelayEnds.ForSocket(socket), RelayEnds.ForTunnel(tunnel), _stop.Token);
    }
}
