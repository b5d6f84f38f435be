using System.Text;
using k8s;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.KubeApi.TestServer.Tests.PortForward;

public class PortForwardTests
{
    private static KubeApiServerOptions EchoRunner() => new()
    {
        PodRunner = new ImagePodRunner().InProcess("*echo*", EchoContainer.RunAsync),
    };

    [Fact]
    public async Task The_official_client_port_forwards_to_a_pod_over_websocket()
    {
        await using var cluster = await TestCluster.StartAsync(EchoRunner());
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("echo", image: "example/echo:1", port: 7777), "default");
        var pod = (await Poll.UntilAsync(
            () => cluster.Client.ListNamespacedPodAsync("default"),
            l => l.Items.Count == 1 && l.Items[0].Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)).Items[0];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var socket = await cluster.Client.WebSocketNamespacedPodPortForwardAsync(
            pod.Metadata.Name, "default", [7777], "v4.channel.k8s.io", cancellationToken: timeout.Token);
        using var demuxer = new StreamDemuxer(socket, StreamType.PortForward);
        demuxer.Start();
        await using var stream = demuxer.GetStream((byte?)0, (byte?)0);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("hello"), timeout.Token);
        var buffer = new byte[5];
        await stream.ReadExactlyAsync(buffer, timeout.Token);

        Assert.Equal("hello", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public async Task A_pod_whose_container_exits_is_in_crash_loop_back_off()
    {
        var options = new KubeApiServerOptions { PodRunner = new ImagePodRunner().InProcess("*", (_, _) => throw new InvalidOperationException("boom")) };
        await using var cluster = await TestCluster.StartAsync(options);
        await cluster.Client.CreateNamespacedDeploymentAsync(Manifests.Deployment("crash"), "default");

        var pod = (await Poll.UntilAsync(
            () => cluster.Client.ListNamespacedPodAsync("default"),
            l => l.Items.Count == 1 && l.Items[0].Status?.ContainerStatuses?[0].State.Waiting?.Reason == "CrashLoopBackOff")).Items[0];

        Assert.Equal(1, pod.Status.ContainerStatuses[0].RestartCount);
        Assert.Equal(1, pod.Status.ContainerStatuses[0].LastState.Terminated.ExitCode);
    }
}
