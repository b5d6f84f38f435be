using System.Net;
using Microsoft.AspNetCore.Builder;
using Telepath.Samples;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>The developer's local copy of the sample app, answering "laptop" on 127.0.0.1.</summary>
public sealed class LaptopApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LaptopApp(WebApplication app) => _app = app;

    public int Port => SampleService.BoundEndPoint(_app).Port;

    public static async Task<LaptopApp> StartAsync()
    {
        var app = SampleService.Build(new IPEndPoint(IPAddress.Loopback, 0), "laptop");
        await app.StartAsync();
        return new LaptopApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
