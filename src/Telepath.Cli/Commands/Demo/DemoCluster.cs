using System.Net;
using System.Security.Cryptography;

namespace Telepath.Cli.Commands.Demo;

/// <summary>
/// The demo's stand-in for a cluster, all on loopback, each piece a process of its own as in real use:
/// a traffic manager and a traffic agent (`telepath-server manager|agent`) in front of the sample
/// `orders` service (`telepath-sample`), and the laptop's own copy of the service. Their output goes to
/// logs/ in the demo's folder.
/// </summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    private readonly List<DemoProcess> _processes = [];
    private readonly DemoExecutable _hub;
    private bool _keepFolder;

    private DemoCluster(string directory, DemoExecutable hub)
    {
        Directory = directory;
        _hub = hub;
    }

    /// <summary>A private folder for the token, the logs and the demo laptop's daemon; deleted on dispose unless a step failed.</summary>
    public string Directory { get; }

    public string TokenFile => Path.Combine(Directory, "token");

    public string Logs => Path.Combine(Directory, "logs");

    public IPEndPoint Manager { get; private set; } = null!;

    /// <summary>The service port the agent owns: what cluster clients call.</summary>
    public IPEndPoint Service { get; private set; } = null!;

    public IPEndPoint LocalApp { get; private set; } = null!;

    public static async Task<DemoCluster> StartAsync(Action<string, string> progress, CancellationToken cancellationToken)
    {
        // All of them are looked for first: one that is missing stops the demo before anything runs.
        var server = DemoExecutables.Server;
        var sample = DemoExecutables.Sample;
        var hub = DemoExecutables.Hub;
        var directory = System.IO.Directory.CreateTempSubdirectory("telepath-demo-").FullName;
        var cluster = new DemoCluster(directory, hub);
        try
        {
            System.IO.Directory.CreateDirectory(cluster.Logs);
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await File.WriteAllTextAsync(cluster.TokenFile, token, cancellationToken);

            cluster.Manager = await cluster.StartAsync(
                server, "manager", ["manager", "--listen", "127.0.0.1:0", "--token-file", cluster.TokenFile], cancellationToken);
            progress("traffic manager", cluster.Manager.ToString());

            var app = await cluster.StartAsync(sample, "cluster-app", ["--listen", "127.0.0.1:0", "--served-by", "the cluster"], cancellationToken);
            cluster.Service = await cluster.StartAsync(
                server,
                "agent",
                [
                    "agent", "--workload", "orders", "--namespace", "default", "--kind", "Deployment", "--pod", "orders-7d9f8-x2x4k",
                    "--listen", "127.0.0.1:0", "--app", app.ToString(), "--manager", cluster.Manager.ToString(), "--token-file", cluster.TokenFile,
                ],
                cancellationToken);
            progress("cluster service \"orders\" (HTTP + gRPC) behind its traffic agent", cluster.Service.ToString());

            cluster.LocalApp = await cluster.StartAsync(sample, "laptop-app", ["--listen", "127.0.0.1:0", "--served-by", "your laptop"], cancellationToken);
            progress("your local copy of \"orders\"", cluster.LocalApp.ToString());
            return cluster;
        }
        catch
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                cluster.KeepFolder();
            }

            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>After a failure the folder stays, so the logs the error names can be read.</summary>
    public void KeepFolder() => _keepFolder = true;

    public async ValueTask DisposeAsync()
    {
        // Stop in reverse order so the agent departs while the manager still listens.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        if (_keepFolder)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A daemon that is still shutting down may hold its log for a moment; the folder is in /tmp.
        }
    }

    /// <summary>Starts the hub (step 6, not at the start), logging to logs/hub.log, and returns its address.</summary>
    public async Task<Uri> StartHubProcessAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var address = await StartProcessAsync(_hub, "hub", arguments, environment, cancellationToken);
        return new Uri(address);
    }

    private async Task<IPEndPoint> StartAsync(DemoExecutable executable, string name, string[] arguments, CancellationToken cancellationToken) =>
        IPEndPoint.Parse(await StartProcessAsync(executable, name, arguments, environment: null, cancellationToken));

    private async Task<string> StartProcessAsync(
        DemoExecutable executable, string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var description = executable.Name == "telepath-server" ? $"{executable.Name} {name}" : executable.Name;
        var (process, address) = await DemoProcess.StartAsync(
            executable, description, Path.Combine(Logs, name + ".log"), arguments, environment, cancellationToken);
        _processes.Add(process);
        return address;
    }
}
