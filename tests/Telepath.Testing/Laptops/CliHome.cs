using System.Globalization;

namespace Telepath.Testing.Laptops;

/// <summary>
/// A laptop user's own corner for the real CLI: a HOME and an XDG_RUNTIME_DIR of its own (so its
/// own daemon, socket, pid file and logs), and the environment that points the CLI there.
/// Disposing deletes it.
/// </summary>
public sealed class CliHome : IDisposable
{
    private readonly string _root;

    public CliHome(string kubeconfig)
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

        PidFile = Path.Combine(runtime, "telepath", "daemon.pid");
        Environment = new Dictionary<string, string?>
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

    /// <summary>Variables to set (a null value removes one) for every CLI command.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The daemon's process id from its pid file, whether or not it still runs.</summary>
    public int? RecordedDaemonPid =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left to the system's cleanup.
        }
    }
}
