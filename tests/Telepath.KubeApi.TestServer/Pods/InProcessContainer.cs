namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>A container that is an async function: exits 0 when it returns, 1 when it throws.</summary>
internal sealed class InProcessContainer : IRunningContainer
{
    private readonly CancellationTokenSource stop = new();

    private InProcessContainer(ContainerLaunch launch, Func<ContainerLaunch, CancellationToken, Task> run)
    {
        Exited = RunAsync(launch, run);
    }

    public Task<int> Exited { get; }

    public static InProcessContainer Start(ContainerLaunch launch, Func<ContainerLaunch, CancellationToken, Task> run) => new(launch, run);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Exited;
        stop.Dispose();
    }

    private async Task<int> RunAsync(ContainerLaunch launch, Func<ContainerLaunch, CancellationToken, Task> run)
    {
        await Task.Yield();
        try
        {
            await run(launch, stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 137;
        }
        catch (Exception)
        {
            return 1;
        }
    }
}
