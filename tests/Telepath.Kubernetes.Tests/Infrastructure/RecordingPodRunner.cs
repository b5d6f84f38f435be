using System.Collections.Concurrent;
using Telepath.KubeApi.TestServer.Pods;

namespace Telepath.Kubernetes.Tests.Infrastructure;

/// <summary>
/// Records every container the test server starts. Containers whose image ends with
/// <see cref="HangingSuffix"/> run but never listen, so their pods never become ready; all others
/// are ready at once.
/// </summary>
internal sealed class RecordingPodRunner : IPodRunner
{
    public const string HangingSuffix = ":hangs";

    public ConcurrentQueue<ContainerLaunch> Launches { get; } = new();

    public Task<IRunningContainer?> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        Launches.Enqueue(launch);
        return Task.FromResult<IRunningContainer?>(launch.Image.EndsWith(HangingSuffix, StringComparison.Ordinal) ? new Hanging() : null);
    }

    private sealed class Hanging : IRunningContainer
    {
        private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<int> Exited => _exited.Task;

        public ValueTask DisposeAsync()
        {
            _exited.TrySetResult(137);
            return ValueTask.CompletedTask;
        }
    }
}
