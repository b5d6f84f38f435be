using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Telepath.Bench.Processes;
using Telepath.Samples;
using Telepath.Testing.Processes;

using Executables = Telepath.Bench.Processes.Executables;

namespace Telepath.Bench.Cluster;

/// <summary>
/// What the rows are measured against, all on loopback: the "cluster" copy of the sample app and the
/// "laptop" copy, both hosted in this process so every row runs the same app code, and the traffic
/// manager and an agent for workload `orders` as separate processes, as they run in real use.
/// </summary>
internal sealed partial class BenchCluster : IAsyncDisposable
{
    public const string ClusterName = "cluster";
    public const string LaptopName = "laptop";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly List<WebApplication> _apps = [];
    private readonly List<(ChildProcess Process, string LogFile)> _processes = [];

    private readonly string _directory;

    private BenchCluster(string directory, string tokenFile)
    {
        _directory = directory;
        TokenFile = tokenFile;
    }

    public string TokenFile { get; }

    public IPEndPoint ClusterApp { get; private set; } = null!;

    public IPEndPoint LaptopApp { get; private set; } = null!;

    public IPEndPoint Manager { get; private set; } = null!;

    /// <summary>The service port the agent owns: what the workload's callers dial.</summary>
    public IPEndPoint Agent { get; private set; } = null!;

    /// <summary>The processes of the cluster side, for the CPU accounting (the apps are in this process).</summary>
    public IEnumerable<(string Name, int Pid)> Processes =>
    [
        ("apps", Environment.ProcessId),
        ("manager", _processes[0].Process.Id),
        ("agent", _processes[1].Process.Id),
    ];

    /// <param name="managerAddress">Where the manager listens (port 0); loopback unless a laptop elsewhere must reach it.</param>
    public static async Task<BenchCluster> StartAsync(string directory, CancellationToken cancellationToken, IPAddress? managerAddress = null)
    {
        var tokenFile = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(tokenFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), cancellationToken);
        var cluster = new BenchCluster(directory, tokenFile);
        try
        {
            cluster.ClusterApp = await cluster.StartAppAsync(ClusterName, cancellationToken);
            cluster.LaptopApp = await cluster.StartAppAsync(LaptopName, cancellationToken);

            var manager = cluster.Start("traffic manager", ["manager", "--listen", $"{managerAddress ?? IPAddress.Loopback}:0", "--token-file", tokenFile]);
            cluster.Manager = await ListeningOnAsync(manager, ManagerReady(), cancellationToken);

            var agent = cluster.Start("traffic agent", [
                "agent", "--workload", "orders", "--namespace", "default", "--listen", "127.0.0.1:0",
                "--app", cluster.ClusterApp.ToString(), "--manager", cluster.Manager.ToString(), "--token-file", tokenFile,
            ]);
            cluster.Agent = await ListeningOnAsync(agent, AgentReady(), cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The agent first, so it departs while the manager still listens.
        // SIGTERM first so each departs as in a normal shutdown; its whole output is kept beside the run,
        // for a look at what it logged under load.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var (process, logFile) = _processes[i];
            await process.StopAsync(TimeSpan.FromSeconds(5));
            await process.DisposeAsync();
            await process.WriteOutputAsync(logFile);
        }

        foreach (var app in _apps)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    private async Task<IPEndPoint> StartAppAsync(string servedBy, CancellationToken cancellationToken)
    {
        var app = SampleService.Build(new IPEndPoint(IPAddress.Loopback, 0), servedBy);
        _apps.Add(app);
        await app.StartAsync(cancellationToken);
        return SampleService.BoundEndPoint(app);
    }

    private ChildProcess Start(string name, string[] arguments)
    {
        var process = ChildProcess.StartDotnet(name, Executables.ServerDll, arguments, PidLog.Add);
        _processes.Add((process, Path.Combine(_directory, $"{arguments[0]}.log")));
        return process;
    }

    private static async Task<IPEndPoint> ListeningOnAsync(ChildProcess process, Regex ready, CancellationToken cancellationToken)
    {
        try
        {
            var match = await process.WaitForLineAsync(ready, ReadyTimeout, cancellationToken);
            return IPEndPoint.Parse(match.Groups["address"].Value);
        }
        catch (InvalidOperationException e)
        {
            // It exited or never said it listens: the run cannot go on, which is not a bug of the bench.
            throw new BenchException(e.Message);
        }
    }

    [GeneratedRegex(@"telepath-manager listening on (?<address>\S+)")]
    private static partial Regex ManagerReady();

    [GeneratedRegex(@"telepath-agent listening on (?<address>\S+)")]
    private static partial Regex AgentReady();
}
