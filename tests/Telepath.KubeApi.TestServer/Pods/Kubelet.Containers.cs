using System.Net.Sockets;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Pods;

internal sealed partial class Kubelet
{
    private async Task StartAsync(PodSandbox pod, JsonObject spec)
    {
        await WriteStatusAsync(pod);
        if (!await MountVolumesAsync(pod, spec))
        {
            return;
        }

        var specs = spec.Array("spec.containers").OfType<JsonObject>().ToList();
        for (var i = 0; i < pod.Containers.Count; i++)
        {
            await StartContainerAsync(pod, pod.Containers[i], specs[i], spec);
        }

        await WriteStatusAsync(pod);
    }

    private async Task StartContainerAsync(PodSandbox pod, ContainerRun container, JsonObject spec, JsonObject podObject)
    {
        if (ImagePattern.MatchesAny(options.UnpullableImages, container.Image))
        {
            container.WaitingReason = "ImagePullBackOff";
            container.WaitingMessage = $"Back-off pulling image \"{container.Image}\"";
            return;
        }

        var launch = new ContainerLaunch(pod.Namespace, pod.Name, pod.Ip, container.Name, container.Image,
            spec.Array("command").Select(a => a!.GetValue<string>()).ToList(),
            spec.Array("args").Select(a => a!.GetValue<string>()).ToList(),
            PodEnvironment.Resolve(store, podObject, spec, pod.Ip), container.Ports, (JsonObject)spec.DeepClone())
        {
            Mounts = MountsOf(pod, spec),
        };
        try
        {
            container.Process = await options.PodRunner.StartAsync(launch, pod.Stopping.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            container.WaitingReason = "RunContainerError";
            container.WaitingMessage = e.Message;
            return;
        }

        container.WaitingReason = null;
        container.StartedAt = options.Time.GetUtcNow();
        if (container.Process is null)
        {
            container.Ready = true;
            return;
        }

        work.Add(ProbeAsync(pod, container));
        work.Add(WatchExitAsync(pod, container, container.Process));
    }

    private static Dictionary<string, string> MountsOf(PodSandbox pod, JsonObject spec)
    {
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mountPath, local) in new[] { pod.Files?.MountsOf(spec), pod.Volumes?.MountsOf(spec) }.SelectMany(m => m ?? new Dictionary<string, string>()))
        {
            mounts[mountPath] = local;
        }

        return mounts;
    }

    // Ready once every declared TCP port accepts a connection on the pod's address.
    private async Task ProbeAsync(PodSandbox pod, ContainerRun container)
    {
        try
        {
            foreach (var port in container.Ports)
            {
                while (!await AcceptsAsync(pod, port))
                {
                    await Task.Delay(50, pod.Stopping.Token);
                }
            }

            container.Ready = container.WaitingReason is null;
            await WriteStatusAsync(pod);
        }
        catch (OperationCanceledException)
        {
            // Pod deleted.
        }
    }

    private static async Task<bool> AcceptsAsync(PodSandbox pod, int port)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(pod.Stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(pod.Ip, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !pod.Stopping.IsCancellationRequested))
        {
            return false;
        }
    }

    // No restarts: a container that exits stays in CrashLoopBackOff, which is what tests look for.
    private async Task WatchExitAsync(PodSandbox pod, ContainerRun container, IRunningContainer process)
    {
        var code = await process.Exited;
        if (pod.Stopping.IsCancellationRequested)
        {
            return;
        }

        container.Ready = false;
        container.LastExitCode = code;
        container.LastFinishedAt = options.Time.GetUtcNow();
        container.RestartCount++;
        container.WaitingReason = "CrashLoopBackOff";
        container.WaitingMessage = $"back-off 10s restarting failed container={container.Name} pod={pod.Name}_{pod.Namespace}({pod.Uid})";
        await WriteStatusAsync(pod);
    }

    private static async Task StopAsync(PodSandbox pod)
    {
        await pod.Stopping.CancelAsync();
        foreach (var container in pod.Containers)
        {
            if (container.Process is { } process)
            {
                await process.DisposeAsync();
            }
        }

        pod.Volumes?.Dispose();
        pod.Files?.Dispose();
    }
}
