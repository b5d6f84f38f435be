using System.Diagnostics;

namespace Telepath.Cli.Tests.Harness;

/// <summary>
/// Runs the real <c>telepath</c> executable with its own HOME and XDG_RUNTIME_DIR, so each test has
/// its own daemon. Disposing quits that daemon (and kills it if it will not quit), so none is left.
/// </summary>
public sealed class CliSandbox : IAsyncDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "telepath.dll");
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "telepath-cli-tests", Guid.NewGuid().ToString("N")[..10]);
        Home = Path.Combine(Root, "home");
        RuntimeDirectory = Path.Combine(Root, "run");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(RuntimeDirectory);
    }

    public string Root { get; }

    public string Home { get; }

    public string RuntimeDirectory { get; }

    public string PidFile => Path.Combine(RuntimeDirectory, "telepath", "daemon.pid");

    public string SocketPath => Path.Combine(RuntimeDirectory, "telepath", "daemon.sock");

    public string DaemonLog => Path.Combine(Home, ".cache", "telepath", "logs", "daemon.log");

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs a command and sends it SIGINT (Ctrl+C) once <paramref name="interruptWhen"/> completes.</summary>
    public Task<CliResult> RunInterruptedAsync(Task interruptWhen, params string[] args) => RunAsync(interruptWhen, args);

    private async Task<CliResult> RunAsync(Task? interruptWhen, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Home;
        start.Environment["XDG_RUNTIME_DIR"] = RuntimeDirectory;

        // The machine's own cluster must never be reached: ~/.kube/config is under the sandbox's HOME.
        start.Environment.Remove("KUBECONFIG");

        // Nor is a browser opened on the machine running the tests.
        start.Environment.Remove("BROWSER");
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        start.Environment.Remove("XDG_CONFIG_HOME");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            if (interruptWhen is not null)
            {
                await interruptWhen.WaitAsync(timeout.Token);
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"telepath {string.Join(' ', args)} did not finish within {RunTimeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(SocketPath) || File.Exists(PidFile))
        {
            try
            {
                await RunAsync("quit");
            }
            catch (TimeoutException)
            {
                // Killed below.
            }

            KillLeftoverDaemon();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private void KillLeftoverDaemon()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            using var daemon = Process.GetProcessById(pid);
            daemon.Kill();
            daemon.WaitForExit(5000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
