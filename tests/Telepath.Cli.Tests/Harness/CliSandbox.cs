using System.Diagnostics;

namespace Telepath.Cli.Tests.Harness;

/// <summary>
/// Runs the real <c>telepath</c> executable with its own HOME and XDG_RUNTIME_DIR, so each test has
/// its own daemon. Disposing quits that daemon (and kills it if it will not quit), so none is left.
/// </summary>
public sealed class CliSandbox : IAsyncDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "telepath.dll");

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

    /// <summary>Variables set (or, when null, removed) for every command, on top of the sandbox's own.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    /// <summary>How long a command may run before it is killed and the test fails (a hung command, not a measurement).</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(null, null, args);

    /// <summary>Runs a command and sends it SIGINT (Ctrl+C) once <paramref name="interruptWhen"/> completes.</summary>
    public Task<CliResult> RunInterruptedAsync(Task interruptWhen, params string[] args) => RunAsync(interruptWhen, null, args);

    /// <summary>Runs a command and sends it SIGINT (Ctrl+C) once it has printed a line that starts with <paramref name="line"/>.</summary>
    public Task<CliResult> RunInterruptedAtLineAsync(string line, params string[] args) => RunAsync(null, line, args);

    /// <summary>
    /// A daemon that runs and is connected to nothing, started as a service manager would start it:
    /// a connect that fails stops the daemon it started, so no command leaves one in this state.
    /// </summary>
    public async Task StartIdleDaemonAsync()
    {
        // Detached, its stdio on /dev/null, as the CLI starts it: it must not hold the test host's pipes.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" \"$@\" </dev/null >/dev/null 2>&1 &");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Executable);
        start.ArgumentList.Add("daemon-foreground");
        SetEnvironment(start);
        using (var shell = Process.Start(start)!)
        {
            await shell.WaitForExitAsync();
        }

        CliResult? status = null;
        await Telepath.Testing.Polling.Poll.UntilAsync(
            async () => (status = await RunAsync("status")).StdOut.StartsWith("Daemon: Running\n", StringComparison.Ordinal),
            () => $"the daemon answers status\n{status}");
    }

    private async Task<CliResult> RunAsync(Task? interruptWhen, string? interruptAtLine, string[] args)
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

        SetEnvironment(start);
        using var process = Process.Start(start)!;
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = interruptAtLine is null ? process.StandardOutput.ReadToEndAsync() : ReadLinesAsync(process.StandardOutput, interruptAtLine, printed);
        interruptWhen ??= interruptAtLine is null ? null : printed.Task;
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

    private void SetEnvironment(ProcessStartInfo start)
    {
        start.Environment["HOME"] = Home;
        start.Environment["XDG_RUNTIME_DIR"] = RuntimeDirectory;

        // The machine's own cluster must never be reached: ~/.kube/config is under the sandbox's HOME.
        start.Environment.Remove("KUBECONFIG");

        // Nor is a browser opened on the machine running the tests.
        start.Environment.Remove("BROWSER");
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        start.Environment.Remove("XDG_CONFIG_HOME");
        foreach (var (variable, value) in Environment)
        {
            start.Environment[variable] = value;
        }
    }

    private static async Task<string> ReadLinesAsync(StreamReader output, string interruptAtLine, TaskCompletionSource printed)
    {
        var text = new System.Text.StringBuilder();
        while (await output.ReadLineAsync() is { } line)
        {
            text.Append(line).Append('\n');
            if (line.StartsWith(interruptAtLine, StringComparison.Ordinal))
            {
                printed.TrySetResult();
            }
        }

        printed.TrySetException(new InvalidOperationException($"the command ended without printing a line that starts with \"{interruptAtLine}\":\n{text}"));
        return text.ToString();
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
