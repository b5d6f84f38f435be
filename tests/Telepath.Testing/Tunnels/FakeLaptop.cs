using System.Net.Sockets;
using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.Testing.Polling;
using Telepath.Tunnels.Links;
using Telepath.Tunnels.Relays;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Wire;

namespace Telepath.Testing.Tunnels;

/// <summary>
/// The daemon's part of the protocol, driven by hand: a client session that holds intercepts and keeps
/// standby tunnels parked for them, answering each one the manager joins by connecting to the
/// intercept's target and relaying. With <c>offerStandbys: false</c> it is a laptop that never does.
/// </summary>
public sealed class FakeLaptop : IAsyncDisposable
{
    private const int StandbysPerIntercept = 2;

    private readonly ManagerLink _link;
    private readonly bool _offerStandbys;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Task> _background = new();
    private int _dialsAnswered;

    private FakeLaptop(ManagerLink link, string sessionSecret, bool offerStandbys)
    {
        _link = link;
        _offerStandbys = offerStandbys;
        Manager = new Manager.ManagerClient(link.Channel);
        SessionSecret = sessionSecret;
    }

    public Manager.ManagerClient Manager { get; }

    public string SessionSecret { get; }

    /// <summary>Tunnels this laptop carried to its target: one per TCP connection, however many requests it held.</summary>
    public int DialsAnswered => Volatile.Read(ref _dialsAnswered);

    public static async Task<FakeLaptop> ArriveAsync(string managerAddress, string token, bool offerStandbys = true)
    {
        var link = ManagerLink.Create(managerAddress, token);
        var client = new Manager.ManagerClient(link.Channel);
        var info = await client.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop", Version = "v0.1.0" });
        var laptop = new FakeLaptop(link, info.SessionSecret, offerStandbys);
        laptop._background.Enqueue(laptop.RemainAsync());
        return laptop;
    }

    /// <summary>Creates the intercept once the agent has arrived (before that the manager does not know the workload).</summary>
    public async Task<InterceptInfo> InterceptAsync(InterceptSpec spec)
    {
        var created = await Poll.UntilAsync<(InterceptInfo? Info, string? Refusal)>(
            async () =>
            {
                try
                {
                    return (await Manager.CreateInterceptAsync(new CreateInterceptRequest { SessionSecret = SessionSecret, Spec = spec }), null);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return (null, e.Status.Detail);
                }
            },
            attempt => attempt.Info is not null,
            $"the manager to know workload {spec.Workload}");
        var info = created.Info!;

        if (_offerStandbys)
        {
            for (var i = 0; i < StandbysPerIntercept; i++)
            {
                _background.Enqueue(KeepStandbyAsync(info));
            }
        }

        return info;
    }

    public async Task LeaveAsync(string name) =>
        await Manager.RemoveInterceptAsync(new RemoveInterceptRequest { SessionSecret = SessionSecret, Name = name });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        while (_background.TryDequeue(out var task))
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException or IOException)
            {
            }
        }

        _link.Dispose();
        _stop.Dispose();
    }

    private async Task RemainAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            await Manager.RemainAsync(new SessionRef { SessionSecret = SessionSecret }, cancellationToken: _stop.Token);
        }
    }

    /// <summary>One standby at a time: parked, joined, answered in the background, parked again; until the intercept is gone.</summary>
    private async Task KeepStandbyAsync(InterceptInfo intercept)
    {
        while (!_stop.IsCancellationRequested)
        {
            var tunnel = _link.Tunnels.Open(TunnelWire.StandbyPath, [new(TunnelWire.SessionHeader, SessionSecret), new(TunnelWire.InterceptHeader, intercept.Id)]);
            var answer = await tunnel.AnswerAsync(_stop.Token);
            if (!answer.Established)
            {
                await tunnel.DisposeAsync();
                return;
            }

            _background.Enqueue(AnswerAsync(tunnel, intercept.Spec));
        }
    }

    private async Task AnswerAsync(TunnelStream tunnel, InterceptSpec spec)
    {
        await using var _ = tunnel;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(spec.TargetHost, spec.TargetPort, _stop.Token);
        }
        catch (SocketException e)
        {
            await DialReply.WriteFailedAsync(tunnel, TunnelErrorCode.TargetUnreachable, $"connection refused by {spec.TargetHost}:{spec.TargetPort} ({e.SocketErrorCode})", _stop.Token);
            await tunnel.ShutdownWriteAsync();
            // Let the agent read the reply and end the tunnel: ending it now could reset it first.
            await tunnel.CopyToAsync(Stream.Null, _stop.Token);
            return;
        }

        Interlocked.Increment(ref _dialsAnswered);
        await DialReply.WriteConnectedAsync(tunnel, _stop.Token);
        await DuplexRelay.RunAsync(RelayEnds.ForSocket(socket), RelayEnds.ForTunnel(tunnel), _stop.Token);
    }
}
