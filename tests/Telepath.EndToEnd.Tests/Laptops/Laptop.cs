using System.Diagnostics;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Mounts;
using Telepath.Testing.Processes;

namespace Telepath.EndToEnd.Tests.Laptops;

/// <summary>
/// One developer's laptop: the real `telepath` CLI run with its own HOME and XDG_RUNTIME_DIR, so it
/// starts and talks to its own daemon. Disposing it quits the daemon, and kills it if it will not go.
/// </summary>
public sealed class Laptop : IAsyncDisposable
{
    private readonly string _root;
    private readonly Dictionary<string, string?> _environment;
    private int _disposed;

    public Laptop(string name, string managerAddress, string tokenFile)
    {
        Name = name;
        ManagerAddress = managerAddress;
        TokenFile = tokenFile;
        // Short paths: the daemon's unix socket path must stay under 108 bytes.
        _root = Directory.CreateTempSubdirectory($"tp-{name}-").FullName;
        Home = Path.Combine(_root, "home");
        RuntimeDirectory = Path.Combine(_root, "run");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(RuntimeDirectory);
        if (!OperatingSystem.IsWindows())
        {
            // As a real XDG_RUNTIME_DIR is: the user's alone.
            File.SetUnixFileMode(RuntimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["XDG_RUNTIME_DIR"] = RuntimeDirectory,
            ["XDG_CONFIG_HOME"] = null,
            ["XDG_CACHE_HOME"] = null,
            ["KUBECONFIG"] = Path.Combine(Home, "no-kubeconfig"),
        };
    }

    public string Name { get; }

    public string ManagerAddress { get; set; }

    public string TokenFile { get; }

    public string Home { get; }

    public string RuntimeDirectory { get; }

    public string PidFile => Path.Combine(RuntimeDirectory, "telepath", "daemon.pid");

    public string DaemonLog => Path.Combine(Home, ".cache", "telepath", "logs", "daemon.log");

    /// <summary>Sets a variable of the CLI's environment, and so of the daemon it starts (null unsets it).</summary>
    public void SetVariable(string name, string? value) => _environment[name] = value;

    /// <summary>Runs `telepath ARGS` as this laptop's user.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [Executables.CliDll, .. arguments], _environment);

    /// <summary>Starts a long-running `telepath ARGS` (e.g. watch) as this laptop's user; its output lines are kept.</summary>
    public ChildProcess Start(params string[] arguments) =>
        ChildProcess.StartDotnet($"{Name}: telepath {arguments.FirstOrDefault()}", Executables.CliDll, arguments, environment: _environment);

    /// <summary>Runs a command that must succeed; a failure shows the command's output and the daemon's log.</summary>
    public async Task<ProcessResult> MustRunAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name}: the command failed\n{result}\n--- daemon.log (tail) ---\n{DaemonLogTail()}");
        }

        return result;
    }

    public Task<ProcessResult> ConnectAsync() =>
        MustRunAsync("connect", "--manager", ManagerAddress, "--token-file", TokenFile);

    /// <summary>Connects with the SOCKS5 / HTTP CONNECT proxy to the cluster on 127.0.0.1:<paramref name="proxyPort"/>.</summary>
    public Task<ProcessResult> ConnectWithProxyAsync(int proxyPort) =>
        MustRunAsync("connect", "--manager", ManagerAddress, "--token-file", TokenFile, "--proxy=socks", "--proxy-port", $"{proxyPort}");

    /// <summary>The daemon's process id, from the pid file it writes beside its socket.</summary>
    public int DaemonPid => int.Parse(File.ReadAllText(PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>Quits the daemon (a test's `await using`, and the fixture's end as a backstop: the first one wins).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

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
            await KillIfAliveAsync(daemon);
        }

        // A mount that outlived a failed test would make the delete below remove the cluster's files.
        foreach (var mountPoint in FuseMounts.Under(_root).OrderByDescending(m => m.Length))
        {
            await ProcessRunner.RunAsync("fusermount3", ["-uz", mountPoint], new Dictionary<string, string?>());
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written; it is in the temp folder.
        }
    }

    private static async Task KillIfAliveAsync(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (!await ExitsWithinAsync(process, TimeSpan.FromSeconds(5)))
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

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
