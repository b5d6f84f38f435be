using System.Diagnostics;
using System.Globalization;
using Telepath.Bench.Processes;
using Telepath.Testing.Processes;

using Executables = Telepath.Bench.Processes.Executables;

namespace Telepath.Bench.Cluster;

/// <summary>
/// The developer's side: the real `telepath` CLI run with its own HOME and XDG_RUNTIME_DIR, so it
/// starts its own daemon, in the bench's network namespace or another one (the daemon inherits it).
/// Disposing quits the daemon, and kills it if it will not go.
/// </summary>
internal sealed class Laptop : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string?> _environment;
    private readonly string _runtimeDirectory;
    private readonly string _home;
    private readonly string? _namespace;

    /// <param name="kubeconfig">The cluster `telepath connect` reaches without --manager; none by default (direct mode).</param>
    /// <param name="networkNamespace">Where the CLI and so its daemon run; the bench's own namespace by default.</param>
    public Laptop(string directory, string? kubeconfig = null, string? networkNamespace = null)
    {
        _namespace = networkNamespace;
        // Short paths: the daemon's unix socket path must stay under 108 bytes.
        _home = Path.Combine(directory, "home");
        _runtimeDirectory = Path.Combine(directory, "run");
        Directory.CreateDirectory(_home);
        Directory.CreateDirectory(_runtimeDirectory);
        if (!OperatingSystem.IsWindows())
        {
            // As a real XDG_RUNTIME_DIR is: the user's alone.
            File.SetUnixFileMode(_runtimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = _home,
            ["XDG_RUNTIME_DIR"] = _runtimeDirectory,
            ["XDG_CONFIG_HOME"] = null,
            ["XDG_CACHE_HOME"] = null,
            ["KUBECONFIG"] = kubeconfig ?? Path.Combine(_home, "no-kubeconfig"),
        };
    }

    /// <summary>The variables every CLI command of this laptop runs with, for a long-running one (`telepath watch`).</summary>
    public IReadOnlyDictionary<string, string?> Environment => _environment;

    private string PidFile => Path.Combine(_runtimeDirectory, "telepath", "daemon.pid");

    /// <summary>The daemon's process id, from the pid file it writes beside its socket; null while none runs.</summary>
    public int? DaemonPid => File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private string DaemonLog => Path.Combine(_home, ".cache", "telepath", "logs", "daemon.log");

    /// <summary>Runs `telepath ARGS`, which must succeed; its wall time is process start to exit, as a user sees it.</summary>
    public async Task<ProcessResult> MustRunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var (file, command) = NetnsCommand.In(_namespace, "dotnet", [Executables.CliDll, .. arguments]);
        var result = await Commands.RunAsync(file, command, CommandTimeout, cancellationToken, _environment);
        if (result.ExitCode != 0)
        {
            throw new BenchException($"the CLI failed\n{result}\n--- daemon.log (tail) ---\n{DaemonLogTail()}");
        }

        return result;
    }

    public string DaemonLogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(DaemonLog).TakeLast(30));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        var pid = DaemonPid;
        try
        {
            // Not the bench's token: quitting must happen also after Ctrl+C.
            var (file, command) = NetnsCommand.In(_namespace, "dotnet", [Executables.CliDll, "quit"]);
            await Commands.RunAsync(file, command, TimeSpan.FromSeconds(20), CancellationToken.None, _environment);
        }
        catch (BenchException)
        {
            // It hung; the daemon is killed below.
        }

        if (pid is { } daemon)
        {
            await KillIfAliveAsync(daemon);
        }
    }

    private static async Task KillIfAliveAsync(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }
        catch (ArgumentException)
        {
            // Gone already.
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }
}
