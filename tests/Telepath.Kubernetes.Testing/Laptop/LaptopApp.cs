using System.Net;
using Microsoft.AspNetCore.Builder;
using Telepath.Samples;

namespace Telepath.Kubernetes.Testing.Laptop;

/// <summary>The developer's local copy of the sample app, in this process, answering "laptop" on 127.0.0.1; an intercept sends the workload's traffic to it.</summary>
public sealed class LaptopApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LaptopApp(WebApplication app) => _app = app;

    public int Port => SampleService.BoundEndPoint(_app).Port;

    public static async Task<LaptopApp> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = SampleService.Build(new IPEndPoint(IPAddress.Loopback, 0), "laptop");
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new LaptopApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
