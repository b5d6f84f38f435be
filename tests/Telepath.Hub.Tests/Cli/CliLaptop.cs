using Telepath.Testing.Processes;

namespace Telepath.Hub.Tests.Cli;

/// <summary>The real <c>telepath</c> executable with a HOME of its own, where its credentials file goes.</summary>
public sealed class CliLaptop : IDisposable
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

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
