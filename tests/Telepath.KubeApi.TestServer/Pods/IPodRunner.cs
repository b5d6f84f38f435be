namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>Turns a pod's container into something running locally; supplied by the test.</summary>
public interface IPodRunner
{
    /// <summary>
    /// Starts the container bound to <see cref="ContainerLaunch.PodIp"/>, or returns null when nothing
    /// should run for it (the container then counts as running and ready at once).
    /// </summary>
    Task<IRunningContainer?> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken);
}

/// <summary>A started container. Disposing stops it (the pod was deleted).</summary>
public interface IRunningContainer : IAsyncDisposable
{
    /// <summary>Completes with the exit code when the container stops by itself.</summary>
    Task<int> Exited { get; }
}

/// <summary>The default: nothing runs, every pod becomes Ready as soon as it is scheduled.</summary>
public sealed class NoPodRunner : IPodRunner
{
    public static NoPodRunner Instance { get; } = new();

    public Task<IRunningContainer?> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken) =>
        Task.FromResult<IRunningContainer?>(null);
}
