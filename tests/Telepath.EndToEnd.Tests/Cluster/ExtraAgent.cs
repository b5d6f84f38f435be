using System.Net;
using System.Text.RegularExpressions;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Cluster;

/// <summary>
/// Another pod of the fixture's workload: a second real traffic agent process in front of the same
/// cluster app, with a service port of its own. Stopping it lets it depart, as a pod deleted by a rollout does.
/// </summary>
public sealed partial class ExtraAgent : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private ExtraAgent(ChildProcess process, IPEndPoint service)
    {
        Process = process;
        Service = service;
    }

    public ChildProcess Process { get; }

    /// <summary>This pod's service port, owned by its agent.</summary>
    public IPEndPoint Service { get; }

    public string ServiceUrl => $"http://{Service}";

    /// <summary>Starts the agent and returns once the manager has its session.</summary>
    /// <param name="manager">Where the agent finds the manager: the fixture's manager unless given (e.g. through a link).</param>
    public static async Task<ExtraAgent> StartAsync(ClusterFixture cluster, string pod, IPEndPoint? manager = null)
    {
        var process = ChildProcess.StartDotnet(pod, Executables.ServerDll,
        [
            "agent", "--workload", ClusterFixture.Workload, "--namespace", "default", "--pod", pod, "--listen", "127.0.0.1:0",
            "--app", cluster.ClusterApp.ToString(), "--manager", (manager ?? cluster.ManagerEndPoint).ToString(), "--token-file", cluster.TokenFile,
        ]);
        try
        {
            var listening = await process.WaitForLineAsync(Listening(), StartTimeout);
            await process.WaitForLineAsync(Arrived(), StartTimeout);
            return new ExtraAgent(process, IPEndPoint.Parse(listening.Groups[1].Value));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, so that it departs at once and leaves the workload to the fixture's agent.</summary>
    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(10));
        await Process.DisposeAsync();
    }

    [GeneratedRegex(@"^telepath-agent listening on (\S+)$")]
    private static partial Regex Listening();

    [GeneratedRegex(@"arrived at the traffic manager \S+ as session")]
    private static partial Regex Arrived();
}
