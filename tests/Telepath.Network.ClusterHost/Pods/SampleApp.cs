using System.Net;
using Telepath.Samples;

namespace Telepath.Network.ClusterHost.Pods;

/// <summary>
/// The sample service (HTTP/1.1, h2c, gRPC, WebSocket, raw echo) answering "cluster", as
/// <c>AppContainer</c> runs it in process, but as its own process in the cluster's network namespace.
/// </summary>
internal static class SampleApp
{
    public static async Task<int> RunAsync(string listen)
    {
        if (!IPEndPoint.TryParse(listen, out var endPoint))
        {
            Console.Error.WriteLine($"--listen wants IP:PORT, not {listen}");
            return 2;
        }

        var app = SampleService.Build(endPoint, "cluster");
        await using (app)
        {
            await app.RunAsync();
        }

        return 0;
    }
}
