using System.Net;
using System.Net.Sockets;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>A tiny TCP echo server "container" listening on its pod's IP and first declared port.</summary>
internal static class EchoContainer
{
    public static async Task RunAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(launch.PodIp, launch.Ports[0]);
        listener.Start();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                _ = EchoAsync(client, cancellationToken);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task EchoAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await client.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }
}
