namespace Telepath.Daemon.Volumes;

/// <summary>
/// The laptop's FUSE tools a volume mount needs: sshfs (which speaks SFTP to the agent's sftp-server
/// over a tunnel) and fusermount3 (which unmounts without root). Missing ones are one line saying what
/// to install; the intercept goes on without volumes.
/// </summary>
public sealed record SshfsTools(string Sshfs, string Fusermount)
{
    /// <summary>Names another sshfs than the one on PATH (a path, or a name looked up on PATH).</summary>
    public const string SshfsVariable = "TELEPATH_SSHFS";

    private static readonly string[] s_fallbackDirectories = ["/usr/bin", "/bin", "/usr/local/bin"];

    /// <returns>The tools, or why volumes cannot be mounted on this laptop.</returns>
    public static (SshfsTools? Tools, string? Problem) Find(string? sshfs = null, string fuseDevice = "/dev/fuse")
    {
        sshfs ??= Environment.GetEnvironmentVariable(SshfsVariable) is { Length: > 0 } chosen ? chosen : "sshfs";
        if (Locate(sshfs) is not { } sshfsPath)
        {
            return (null, $"volumes not mounted: sshfs is not installed ({sshfs} not found); install it (Debian/Ubuntu: sudo apt install sshfs; Fedora: sudo dnf install fuse-sshfs) and intercept again");
        }

        if (Locate("fusermount3") is not { } fusermount)
        {
            return (null, "volumes not mounted: fusermount3 is not installed; install FUSE 3 (Debian/Ubuntu: sudo apt install fuse3) and intercept again");
        }

        if (!File.Exists(fuseDevice))
        {
            return (null, $"volumes not mounted: this machine has no FUSE device ({fuseDevice}); load the fuse module (sudo modprobe fuse) or, in a container, pass the device in, and intercept again");
        }

        return (new SshfsTools(sshfsPath, fusermount), null);
    }

    private static string? Locate(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(s_fallbackDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
