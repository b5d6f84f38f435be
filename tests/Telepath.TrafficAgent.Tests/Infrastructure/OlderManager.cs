using System.Net;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>
/// A real gRPC manager from before route reports: it answers arrivals and heartbeats and streams the
/// snapshots a test sends, and ReportRoutes is unimplemented, as the generated base class leaves it.
/// </summary>
internal sealed class OlderManager : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Api _api;

    private OlderManager(WebApplication app, Api api, IPEndPoint endPoint)
    {
        _app = app;
        _api = api;
        Address = endPoint.ToString();
    }

    public string Address { get; }

    public int Arrivals => Volatile.Read(ref _api.Arrivals);

    public int Reports => Volatile.Read(ref _api.Reports);

    /// <summary>Completes when the first report has been refused as unimplemented.</summary>
    public Task ReportRefused => _api.FirstReport.Task;

    public static async Task<OlderManager> StartAsync()
    {
        var api = new Api();
        var builder = WebApplication.CreateSlimBuilder();
        TestLogging.Configure(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(api);
        var app = builder.Build();
        app.MapGrpcService<Api>();
        await app.StartAsync();
        return new OlderManager(app, api, ManagerHost.BoundEndPoint(app));
    }

    /// <summary>Streams a snapshot with these intercepts to the agent's watch.</summary>
    public ValueTask Send(params InterceptInfo[] intercepts)
    {
        var snapshot = new InterceptSnapshot();
        snapshot.Intercepts.AddRange(intercepts);
        return _api.Snapshots.Writer.WriteAsync(snapshot);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Snapshots.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Api : Manager.ManagerBase
    {
        public int Arrivals;
        public int Reports;

        public Channel<InterceptSnapshot> Snapshots { get; } = Channel.CreateUnbounded<InterceptSnapshot>();

        public TaskCompletionSource FirstReport { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task<SessionInfo> ArriveAsAgent(AgentArrival request, ServerCallContext context)
        {
            Interlocked.Increment(ref Arrivals);
            return Task.FromResult(new SessionInfo { SessionSecret = Guid.NewGuid().ToString(), LeaseSeconds = 15, ManagerVersion = "v0.0.1" });
        }

        public override Task<RemainReply> Remain(SessionRef request, ServerCallContext context) => Task.FromResult(new RemainReply());

        public override Task<Empty> Depart(SessionRef request, ServerCallContext context) => Task.FromResult(new Empty());

        public override async Task WatchIntercepts(SessionRef request, IServerStreamWriter<InterceptSnapshot> responseStream, ServerCallContext context)
        {
            try
            {
                await foreach (var snapshot in Snapshots.Reader.ReadAllAsync(context.CancellationToken))
                {
                    await responseStream.WriteAsync(snapshot, context.CancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // The agent went away.
            }
        }

        public override Task<Empty> ReportRoutes(RoutesReport request, ServerCallContext context)
        {
            Interlocked.Increment(ref Reports);
            FirstReport.TrySetResult();
            throw new RpcException(new Status(StatusCode.Unimplemented, "Method is unimplemented."));
        }
    }
}
