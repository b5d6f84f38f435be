using System.Globalization;
using Telepath.Network.Testing.Topology;
using Telepath.Testing.Laptops;
using Telepath.Testing.Polling;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Laptop;

/// <summary>
/// The real `telepath` CLI run inside the laptop namespace as root, with its own HOME and
/// XDG_RUNTIME_DIR (so its own daemon, which inherits the namespace and the laptop's resolv.conf)
/// and KUBECONFIG naming the API server's laptop-side address. Disposing quits the daemon, and
/// kills it if it will not go.
/// </summary>
/// <param name="environment">Added to the CLI's (and so its daemon's and helper's), e.g. DBUS_SYSTEM_BUS_ADDRESS of a private bus.</param>
public sealed class LaptopCli(NetworkTopology topology, string kubeconfig, IReadOnlyDictionary<string, string?>? environment = null) : IAsyncDisposable
{
    private static readonly TimeSpan CommandPatience = TimeSpan.FromSeconds(120);

    private readonly CliHome _home = new(kubeconfig);

    private IReadOnlyDictionary<string, string?> Environment =>
        environment is null ? _home.Environment : new Dictionary<string, string?>([.. _home.Environment, .. environment]);

    public string Home => _home.Home;

    public string DaemonLog => _home.DaemonLog;

    /// <summary>The daemon's process id, while it runs.</summary>
    public int? DaemonPid => _home.RecordedDaemonPid is { } pid && Directory.Exists($"/proc/{pid}") ? pid : null;

    /// <summary>The privileged helper's socket, in the daemon's runtime folder.</summary>
    public string NetworkHelperSocket => Path.Combine(Path.GetDirectoryName(_home.PidFile)!, "network.sock");

    /// <summary>Lets any user reach the helper's socket past the file modes, so only the helper's own check of its peer stands in the way.</summary>
    public void OpenHelperSocketToEveryone()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the laptop namespace is Linux only");
        }

        for (var folder = Path.GetDirectoryName(NetworkHelperSocket)!; folder.StartsWith(Path.GetDirectoryName(Home)!, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder)!)
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
        }

        File.SetUnixFileMode(NetworkHelperSocket, File.GetUnixFileMode(NetworkHelperSocket) | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
    }

    /// <summary>A command left running, e.g. a connect to interrupt; its process id is the CLI's own (ip netns exec execs it).</summary>
    public ChildProcess Start(params string[] arguments) =>
        NetworkTopology.Start(topology.Names.Laptop, $"telepath {string.Join(' ', arguments)}", ["dotnet", Executables.CliDll, .. arguments], Environment);

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        NetworkTopology.ExecAsync(topology.Names.Laptop, ["dotnet", Executables.CliDll, .. arguments], Environment, timeout: CommandPatience);

    /// <summary>Runs a command that must succeed; a failure shows its output and the daemon's log.</summary>
    public async Task<ProcessResult> MustRunAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"the command failed\n{result}\n--- daemon.log (tail) ---\n{_home.DaemonLogTail()}");
    }

    public string DaemonLogTail() => _home.DaemonLogTail();

    /// <summary>SIGKILL of the daemon: no chance to undo anything, as after a crash.</summary>
    public async Task KillDaemonAsync()
    {
        var pid = DaemonPid ?? throw new InvalidOperationException($"no daemon runs (pid file {_home.PidFile})");
        await ProcessRunner.RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        await Poll.UntilAsync(() => Task.FromResult(!Directory.Exists($"/proc/{pid}")), () => $"daemon {pid} is gone");
    }

    public async ValueTask DisposeAsync()
    {
        var pid = DaemonPid;
        try
        {
            await RunAsync("quit");
        }
        catch (TimeoutException)
        {
            // Killed below.
        }

        if (pid is { } daemon && Directory.Exists($"/proc/{daemon}"))
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", daemon.ToString(CultureInfo.InvariantCulture)]);
        }

        _home.Dispose();
    }
}
