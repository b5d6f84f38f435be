using System.Globalization;
using Telepath.Network.Testing.Topology;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Laptop;

/// <summary>
/// The real `telepath` CLI run inside the laptop namespace by a normal user (<see cref="Nobody"/>),
/// as most laptops run it: a HOME, XDG_RUNTIME_DIR and kubeconfig that user owns, and a PATH that
/// holds dotnet and nothing else, so no sudo. Disposing quits its daemon, and kills it if it will not go.
/// </summary>
public sealed class UnprivilegedLaptopCli : IAsyncDisposable
{
    private static readonly TimeSpan CommandPatience = TimeSpan.FromSeconds(120);

    private readonly NetworkTopology _topology;
    private readonly string _root;
    private readonly Dictionary<string, string?> _environment;

    private UnprivilegedLaptopCli(NetworkTopology topology, string root)
    {
        _topology = topology;
        _root = root;
        _environment = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(root, "home"),
            ["XDG_RUNTIME_DIR"] = Path.Combine(root, "run"),
            ["XDG_CONFIG_HOME"] = null,
            ["XDG_CACHE_HOME"] = null,
            ["KUBECONFIG"] = Path.Combine(root, "kubeconfig"),
            ["PATH"] = Path.Combine(root, "bin"),
        };
    }

    private string PidFile => Path.Combine(_root, "run", "telepath", "daemon.pid");

    public static async Task<UnprivilegedLaptopCli> CreateAsync(NetworkTopology topology, string kubeconfig)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the laptop namespace is Linux only");
        }

        // Short paths: the daemon's unix socket path must stay under 108 bytes.
        var root = Directory.CreateTempSubdirectory("tp-usr-").FullName;
        var cli = new UnprivilegedLaptopCli(topology, root);
        Directory.CreateDirectory(Path.Combine(root, "home"));
        Directory.CreateDirectory(Path.Combine(root, "run"));
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.SetUnixFileMode(Path.Combine(root, "run"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(root, "bin", "dotnet"), Dotnet());

        // The cluster's folder is root's alone; the user gets a copy of its own.
        File.Copy(kubeconfig, Path.Combine(root, "kubeconfig"));
        var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{Nobody.UserId}:{Nobody.UserId}", root]);
        return chown.ExitCode == 0 ? cli : throw new InvalidOperationException($"cannot give {root} to the user: {chown}");
    }

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        NetworkTopology.ExecAsync(_topology.Names.Laptop, Nobody.Run(["dotnet", Executables.CliDll, .. arguments]), _environment, timeout: CommandPatience);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("quit");
        }
        catch (TimeoutException)
        {
            // Killed below.
        }

        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid) && Directory.Exists($"/proc/{pid}"))
        {
            await ProcessRunner.RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left to the system's cleanup.
        }
    }

    private static string Dotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dotnet"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("dotnet is not on PATH");
}
