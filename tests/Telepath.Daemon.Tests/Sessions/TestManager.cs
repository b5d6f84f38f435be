using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Telepath.Core.Grpc;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Daemon.Tests.Sessions;

/// <summary>A real traffic manager on loopback; it can be started again on the same port to act out a restart.</summary>
public sealed class TestManager : IAsyncDisposable
{
    public const string Token = "daemon-test-token";

    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private TestManager(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public string Address => $"{EndPoint.Address}:{EndPoint.Port}";

    public static async Task<TestManager> StartAsync(int port = 0)
    {
        var app = ManagerHost.Build(new ManagerOptions(new IPEndPoint(IPAddress.Loopback, port), Token), logging => logging.ClearProviders());
        await app.StartAsync();
        return new TestManager(app, ManagerHost.BoundEndPoint(app));
    }

    public ProtocolManager.ManagerClient Client()
    {
        var channel = ManagerChannel.Create(Address, Token);
        _channels.Add(channel);
        return new ProtocolManager.ManagerClient(channel);
    }

    /// <summary>An agent session for the workload (it is not kept alive: tests are shorter than a lease).</summary>
    public async Task<string> ArriveAgentAsync(string workload)
    {
        var session = await Client().ArriveAsAgentAsync(new AgentArrival { Workload = workload, Namespace = "default", WorkloadKind = "Deployment", PodName = workload + "-0" });
        return session.SessionId;
    }

    /// <summary>Waits for the manager to hold an intercept with this id, as the given agent sees it.</summary>
    public async Task<InterceptInfo> WaitForInterceptAsync(string agentSession, string id, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var watch = Client().WatchIntercepts(new SessionRef { SessionId = agentSession }, cancellationToken: cts.Token);
        while (await watch.ResponseStream.MoveNext(cts.Token))
        {
            if (watch.ResponseStream.Current.Intercepts.FirstOrDefault(i => i.Id == id) is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException("the watch ended");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
