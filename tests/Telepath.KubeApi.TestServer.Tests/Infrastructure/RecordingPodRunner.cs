using System.Collections.Concurrent;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>Runs nothing and records what each pod's containers were started with, for a test to await.</summary>
internal sealed class RecordingPodRunner : IPodRunner
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ContainerLaunch>> launches = new();

    /// <summary>The launch of the pod's first container, once the kubelet has started it.</summary>
    public Task<ContainerLaunch> LaunchOf(string podName) => Launch(podName).Task;

    /// <summary>The launch of the pod's container of that name, once the kubelet has started it.</summary>
    public Task<ContainerLaunch> LaunchOf(string podName, string containerName) => Launch($"{podName}/{containerName}").Task;

    public Task<IRunningContainer?> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        Launch(launch.PodName).TrySetResult(launch);
        Launch($"{launch.PodName}/{launch.ContainerName}").TrySetResult(launch);
        return Task.FromResult<IRunningContainer?>(null);
    }

    private TaskCompletionSource<ContainerLaunch> Launch(string podName) =>
        launches.GetOrAdd(podName, _ => new TaskCompletionSource<ContainerLaunch>(TaskCreationOptions.RunContinuationsAsynchronously));
}
