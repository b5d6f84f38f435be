using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Telepath.Core.Grpc;
using Telepath.TrafficManager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Cli.Tests.Harness;

/// <summary>A real traffic manager on a loopback port, in the test process.</summary>
public sealed class TestManager : IAsyncDisposable
{
    public const string Token = "cli-test-token";

    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private TestManager(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        Address = $"{endPoint.Address}:{endPoint.Port}";
    }

    public string Address { get; }

    public static async Task<TestManager> StartAsync()
    {
        var app = ManagerHost.Build(new ManagerOptions(new IPEndPoint(IPAddress.Loopback, 0), Token), logging => logging.ClearProviders());
        await app.StartAsync();
        return new TestManager(app, ManagerHost.BoundEndPoint(app));
    }

    public ProtocolManager.ManagerClient Client()
    {
        var channel = ManagerChannel.Create(Address, Token);
        _channels.Add(channel);
        return new ProtocolManager.ManagerClient(channel);
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
