using System.Diagnostics;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>
/// Routes containers to runners by image pattern, first match wins; unmatched images run nothing.
/// <code>new ImagePodRunner()
///     .Process("*telepath-server*", l => ProcessContainer.Dotnet(dll, l))
///     .InProcess("*echo*", (l, ct) => Echo.RunAsync(l.PodIp, 7, ct));</code>
/// </summary>
public sealed class ImagePodRunner : IPodRunner
{
    private readonly List<(string Pattern, Func<ContainerLaunch, CancellationToken, Task<IRunningContainer?>> Start)> routes = [];

    /// <summary>Runs a local process; it is killed (with its children) when the pod goes.</summary>
    public ImagePodRunner Process(string imagePattern, Func<ContainerLaunch, ProcessStartInfo> startInfo)
    {
        routes.Add((imagePattern, (launch, _) => Task.FromResult<IRunningContainer?>(ProcessContainer.Start(startInfo(launch)))));
        return this;
    }

    /// <summary>Runs an async function in this process; its token is cancelled when the pod goes.</summary>
    public ImagePodRunner InProcess(string imagePattern, Func<ContainerLaunch, CancellationToken, Task> run)
    {
        routes.Add((imagePattern, (launch, _) => Task.FromResult<IRunningContainer?>(InProcessContainer.Start(launch, run))));
        return this;
    }

    public Task<IRunningContainer?> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        foreach (var (pattern, start) in routes)
        {
            if (ImagePattern.Matches(pattern, launch.Image))
            {
                return start(launch, cancellationToken);
            }
        }

        return Task.FromResult<IRunningContainer?>(null);
    }
}
