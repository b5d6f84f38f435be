using System.Net;
using Microsoft.AspNetCore.Builder;
using Telepath.TrafficManager;

namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>The real traffic manager, in process on a loopback port.</summary>
internal sealed class TestManager : IAsyncDisposable
{
    public const string Token = "manager-token";

    private readonly WebApplication _host;

    private TestManager(WebApplication host, string address)
    {
        _host = host;
        Address = address;
    }

    public string Address { get; }

    /// <param name="port">0 for any; a fixed port to play a manager that restarted.</param>
    public static async Task<TestManager> StartAsync(int port = 0)
    {
        var host = ManagerHost.Build(new ManagerOptions(new IPEndPoint(IPAddress.Loopback, port), Token), TestLogging.Configure);
        await host.StartAsync();
        return new TestManager(host, ManagerHost.BoundEndPoint(host).ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }
}
