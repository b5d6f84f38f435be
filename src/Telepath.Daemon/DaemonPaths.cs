namespace Telepath.Daemon;

/// <summary>
/// Where the one daemon of a user lives: its socket and pid file in the runtime directory
/// (<c>$XDG_RUNTIME_DIR/telepath</c>, else <c>~/.cache/telepath</c>), its logs in <c>~/.cache/telepath/logs</c>.
/// The CLI and the daemon both resolve it, so they always meet at the same socket.
/// </summary>
public sealed record DaemonPaths(string RuntimeDirectory, string LogDirectory)
{
    public string Socket => Path.Combine(RuntimeDirectory, "daemon.sock");

    public string PidFile => Path.Combine(RuntimeDirectory, "daemon.pid");

    /// <summary>Where the privileged network helper listens for this user's daemon (docs/outbound.md, "Privileges").</summary>
    public string NetworkHelperSocket => Path.Combine(RuntimeDirectory, "network.sock");

    /// <summary>Where intercepts' volumes are mounted unless <c>--mount=DIR</c> names another place (docs/volumes.md).</summary>
    public string MountsDirectory => Path.Combine(RuntimeDirectory, "mounts");

    public string DaemonLog => Path.Combine(LogDirectory, "daemon.log");

    public string CliLog => Path.Combine(LogDirectory, "cli.log");

    /// <param name="xdgRuntimeDir">The value of XDG_RUNTIME_DIR, or null/empty when unset.</param>
    /// <param name="home">The user's home directory.</param>
    public static DaemonPaths Resolve(string? xdgRuntimeDir, string home)
    {
        var cache = Path.Combine(home, ".cache", "telepath");
        var runtime = string.IsNullOrWhiteSpace(xdgRuntimeDir) ? cache : Path.Combine(xdgRuntimeDir, "telepath");
        return new DaemonPaths(runtime, Path.Combine(cache, "logs"));
    }

    public static DaemonPaths FromEnvironment() =>
        Resolve(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), Home());

    /// <summary>"~/.cache/telepath/logs/cli.log" style, for messages that point the user at a file.</summary>
    public static string ForDisplay(string path)
    {
        var home = Home();
        return path.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }

    private static string Home()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
    }
}
