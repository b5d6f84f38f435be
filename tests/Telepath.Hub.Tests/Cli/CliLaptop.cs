using Telepath.Testing.Processes;

namespace Telepath.Hub.Tests.Cli;

/// <summary>
/// The real <c>telepath</c> executable with a HOME of its own, where its credentials file goes.
/// Disposing quits its daemon (killing it if it will not go), so no test leaves one running.
/// </summary>
public sealed class CliLaptop : IAsyncDisposable
{
    public CliLaptop()
    {
        Home = Directory.CreateTempSubdirectory("tp-hub-cli-").FullName;
        Environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["XDG_RUNTIME_DIR"] = Path.Combine(Home, "run"),
            ["XDG_CONFIG_HOME"] = null,
            ["KUBECONFIG"] = Path.Combine(Home, "no-kubeconfig"),
            ["BROWSER"] = null,
            ["DISPLAY"] = null,
            ["WAYLAND_DISPLAY"] = null,
        };
    }

    public string Home { get; }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string CredentialsPath => Path.Combine(Home, ".config", "telepath", "credentials.json");

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [Executables.CliDll, .. arguments], Environment, timeout: TimeSpan.FromSeconds(60));

    /// <summary>For a command that waits on something the test does meanwhile (approving a device code).</summary>
    public ChildProcess Start(params string[] arguments) =>
        ChildProcess.StartDotnet("telepath", Executables.CliDll, arguments, environment: Environment);

    private string PidFile => Path.Combine(Home, "run", "telepath", "daemon.pid");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(PidFile))
        {
            await RunAsync("quit");
            if (File.Exists(PidFile) && int.TryParse(await File.ReadAllTextAsync(PidFile), out var pid))
            {
                try
                {
                    using var daemon = System.Diagnostics.Process.GetProcessById(pid);
                    daemon.Kill();
                    await daemon.WaitForExitAsync();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        Directory.Delete(Home, recursive: true);
    }
}
