using System.Text.RegularExpressions;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Volumes;

/// <summary>
/// A pod of a workload of its own (each test names one: a killed laptop's intercept outlives it by the
/// lease, and would hold a shared one) whose agent serves two volumes from directories here, as the
/// injected agent serves the app container's mounts: a read-only ConfigMap at /etc/config and a
/// writable data volume at /var/data. The directories are the "cluster side" a test changes.
/// </summary>
public sealed partial class VolumeAgent : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private VolumeAgent(ChildProcess process, string workload, string root)
    {
        Process = process;
        Workload = workload;
        Root = root;
    }

    public string Workload { get; }

    public ChildProcess Process { get; }

    public string Root { get; }

    /// <summary>What the agent serves as /etc/config, read-only.</summary>
    public string Config => Path.Combine(Root, "config");

    /// <summary>What the agent serves as /var/data, writable.</summary>
    public string Data => Path.Combine(Root, "data");

    public static async Task<VolumeAgent> StartAsync(ClusterFixture cluster, string workload)
    {
        var root = Directory.CreateTempSubdirectory("tp-volumes-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "config"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        await File.WriteAllTextAsync(Path.Combine(root, "config", "app.yaml"), "greeting: hello\n");
        var process = ChildProcess.StartDotnet($"{workload}-agent", Executables.ServerDll,
        [
            "agent", "--workload", workload, "--namespace", "default", "--pod", $"{workload}-0", "--listen", "127.0.0.1:0",
            "--app", cluster.ClusterApp.ToString(), "--manager", cluster.ManagerAddress, "--token-file", cluster.TokenFile,
            "--volume", $"/etc/config={Path.Combine(root, "config")}:ro",
            "--volume", $"/var/data={Path.Combine(root, "data")}",
        ]);
        try
        {
            await process.WaitForLineAsync(Arrived(), StartTimeout);
            return new VolumeAgent(process, workload, root);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(10));
        await Process.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    [GeneratedRegex(@"arrived at the traffic manager \S+ as session")]
    private static partial Regex Arrived();
}
