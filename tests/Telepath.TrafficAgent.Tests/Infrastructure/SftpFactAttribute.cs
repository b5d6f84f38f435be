namespace Telepath.TrafficAgent.Tests.Infrastructure;

/// <summary>
/// A fact that needs OpenSSH's sftp-server and, with <see cref="Sshfs"/>, a working sshfs mount (sshfs,
/// fusermount3 and a /dev/fuse this process may open). Skipped, with the reason, where one is missing.
/// </summary>
public sealed class SftpFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_fuseMissing = new(FuseMissing);

    public SftpFactAttribute(bool sshfs = false)
    {
        Sshfs = sshfs;
        if (!File.Exists(AgentOptions.DefaultSftpServer))
        {
            Skip = $"needs {AgentOptions.DefaultSftpServer} (apt-get install openssh-sftp-server)";
        }
        else if (sshfs && s_fuseMissing.Value is { } missing)
        {
            Skip = $"needs {missing} (apt-get install sshfs fuse3, and /dev/fuse in the container)";
        }
    }

    public bool Sshfs { get; }

    private static string? FuseMissing()
    {
        var missing = new[] { "/usr/bin/sshfs", "/usr/bin/fusermount3" }.Where(tool => !File.Exists(tool)).ToList();
        try
        {
            // Opening it is what sshfs will do; closing it at once mounts nothing.
            File.Open("/dev/fuse", FileMode.Open, FileAccess.ReadWrite).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            missing.Add("/dev/fuse");
        }

        return missing.Count > 0 ? string.Join(", ", missing) : null;
    }
}
