using System.Net;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.Samples;

namespace Telepath.Kubernetes.Testing.Pods;

/// <summary>The sample service as an app container (<see cref="Image"/>), run in this process, answering "cluster" on its pod's address.</summary>
public static class AppContainer
{
    public const string Image = "example/orders:1";

    public static async Task RunAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var app = SampleService.Build(new IPEndPoint(launch.PodIp, launch.Ports[0]), "cluster");
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }
}
