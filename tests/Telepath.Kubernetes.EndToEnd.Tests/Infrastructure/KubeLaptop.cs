using System.Diagnostics;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A developer's laptop: the real `telepath` CLI with its own HOME and XDG_RUNTIME_DIR (so its own
/// daemon) and KUBECONFIG pointing at the test cluster. Disposing it quits the daemon, and kills it
/// if it will not go.
/// </summary>
public sealed class KubeLaptop : IAsyncDisposable
{
    private readonly string _root;
    private readonly Dictionary<string, string?> _environment;

    public KubeLaptop(string kubeconfig)
    {
        // Short paths: the daemon's unix socket path must stay under 108 bytes.
        _root = Directory.CreateTempSubdirectory("tp-lap-").FullName;
        Home = Path.Combine(_root, "home");
        var runtime = Path.Combine(_root, "run");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(runtime);
        if (!OperatingSystem.IsWindows())
        {
            // As a real XDG_RUNTIME_DIR is: the user's alone.
            File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // The simulated cluster shares this machine's network: transparent networking (nftables and
        // resolv.conf) would change the machine's own. tests/Telepath.Network.Tests covers it inside
        // network namespaces; here connect, list and intercept run with the proxy off.
        Directory.CreateDirectory(Path.Combine(Home, ".config", "telepath"));
        File.WriteAllText(Path.Combine(Home, ".config", "telepath", "config.yml"), "proxy:\n  mode: off\n");

        PidFile = Path.Combine(runtime, "telepath", "daemon.pid");
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["XDG_RUNTIME_DIR"] = runtime,
            ["XDG_CONFIG_HOME"] = null,
            ["XDG_CACHE_HOME"] = null,
            ["KUBECONFIG"] = kubeconfig,
        };
    }

    public string Home { get; }

    public string PidFile { get; }

    public string DaemonLog => Path.Combine(Home, ".cache", "telepath", "logs", "daemon.log");

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [Executables.CliDll, .. arguments], _environment, timeout: TimeSpan.FromSeconds(120));

    /// <summary>Runs a command that must succeed; a failure shows its output and the daemon's log.</summary>
    public async Task<ProcessResult> MustRunAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the command failed\n{result}\n--- daemon.log (tail) ---\n{DaemonLogTail()}");
        }

        return result;
    }

    public string DaemonLogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(DaemonLog).TakeLast(40));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        int? pid = File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var p) ? p : null;
        try
        {
            await ProcessRunner.RunAsync("dotnet", [Executables.CliDll, "quit"], _environment, timeout: TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // Killed below.
        }

        if (pid is { } daemon)
        {
            KillIfAlive(daemon);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void KillIfAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }
}
