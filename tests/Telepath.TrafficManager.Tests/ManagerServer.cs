using Microsoft.Extensions.Logging;
using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Telepath.Core.Grpc;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests;

/// <summary>A real manager on a loopback port, and real gRPC clients to it.</summary>
public sealed class ManagerServer : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly WebApplication _app;
    private readonly List<GrpcChannel> _channels = [];

    private ManagerServer(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        Address = $"{endPoint.Address}:{endPoint.Port}";
    }

    public string Address { get; }

    public static async Task<ManagerServer> StartAsync()
    {
        var app = ManagerHost.Build(new ManagerOptions(new IPEndPoint(IPAddress.Loopback, 0), Token), logging => logging.ClearProviders());
        await app.StartAsync();
        return new ManagerServer(app, ManagerHost.BoundEndPoint(app));
    }

    public ProtocolManager.ManagerClient Client(string token = Token)
    {
        var channel = ManagerChannel.Create(Address, token);
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
