namespace Telepath.TrafficAgent.Volumes;

/// <summary>What the guard checks in a request: nothing (it acts on an open handle), its paths, or it is refused outright.</summary>
internal enum SftpGuardCheck
{
    Refuse,
    Handle,

    /// <summary>One path, all its links followed.</summary>
    Path,

    /// <summary>One path whose last component is acted on itself, not followed.</summary>
    PathNotFollowingLast,

    /// <summary>Two such paths: a rename's old and new names.</summary>
    TwoPathsNotFollowingLast,
}

/// <summary>
/// Every request a laptop may send, in one place (SFTP version 3, draft-ietf-secsh-filexfer-02, and
/// OpenSSH's PROTOCOL for its extensions). Anything not named here is refused, so an extension a newer
/// sftp-server adds stays shut until someone looks at what it does with paths.
/// </summary>
internal static class SftpGuardRules
{
    public const byte Extended = 200;

    private static readonly Dictionary<byte, SftpGuardCheck> s_requests = new()
    {
        [4] = SftpGuardCheck.Handle, // CLOSE
        [5] = SftpGuardCheck.Handle, // READ
        [6] = SftpGuardCheck.Handle, // WRITE
        [8] = SftpGuardCheck.Handle, // FSTAT
        [10] = SftpGuardCheck.Handle, // FSETSTAT
        [12] = SftpGuardCheck.Handle, // READDIR
        [3] = SftpGuardCheck.Path, // OPEN
        [9] = SftpGuardCheck.Path, // SETSTAT
        [11] = SftpGuardCheck.Path, // OPENDIR
        [14] = SftpGuardCheck.Path, // MKDIR
        [16] = SftpGuardCheck.Path, // REALPATH
        [17] = SftpGuardCheck.Path, // STAT
        [7] = SftpGuardCheck.PathNotFollowingLast, // LSTAT
        [13] = SftpGuardCheck.PathNotFollowingLast, // REMOVE
        [15] = SftpGuardCheck.PathNotFollowingLast, // RMDIR
        [19] = SftpGuardCheck.PathNotFollowingLast, // READLINK
        [18] = SftpGuardCheck.TwoPathsNotFollowingLast, // RENAME

        // SYMLINK (20) is refused: a link the laptop makes could point anywhere, and the app might follow it.
    };

    private static readonly Dictionary<string, SftpGuardCheck> s_extensions = new(StringComparer.Ordinal)
    {
        ["limits@openssh.com"] = SftpGuardCheck.Handle, // no fields at all
        ["fsync@openssh.com"] = SftpGuardCheck.Handle,
        ["copy-data"] = SftpGuardCheck.Handle, // two handles
        ["statvfs@openssh.com"] = SftpGuardCheck.Path,
        ["expand-path@openssh.com"] = SftpGuardCheck.Path,
        ["lsetstat@openssh.com"] = SftpGuardCheck.PathNotFollowingLast,
        ["posix-rename@openssh.com"] = SftpGuardCheck.TwoPathsNotFollowingLast,

        // hardlink@openssh.com is refused like SYMLINK; home-directory, users-groups-by-id and the rest
        // tell the laptop about the agent's container, not the volume.
    };

    public static SftpGuardCheck Request(byte type) => s_requests.GetValueOrDefault(type, SftpGuardCheck.Refuse);

    public static SftpGuardCheck Extension(string name) => s_extensions.GetValueOrDefault(name, SftpGuardCheck.Refuse);
}
