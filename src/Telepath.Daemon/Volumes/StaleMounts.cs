using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Volumes;

/// <summary>
/// Volume mounts that a daemon which ended without unmounting left behind (killed together with its
/// sshfs, say), found by the tag in their source: unmounted lazily, so nothing that still has a file
/// open there hangs and no later `ls` meets "Transport endpoint is not connected".
/// </summary>
public static class StaleMounts
{
    /// <summary>
    /// What every volume mount's source (sshfs's fsname) starts with: "telepath-" and a digest of the
    /// mounts root, so one per user's daemon, the same across its restarts, and never another user's.
    /// </summary>
    public static string TagFor(string mountsRoot) =>
        "telepath-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mountsRoot)))[..12];

    /// <returns>How many were unmounted.</returns>
    public static async Task<int> CleanAsync(string mountsRoot, ILogger logger, IEnumerable<string>? live = null)
    {
        var tag = TagFor(mountsRoot) + ":";
        var keep = new HashSet<string>(live ?? [], StringComparer.Ordinal);
        var stale = MountTable.Read().Where(m => m.FileSystemType == "fuse.sshfs" && m.Source.StartsWith(tag, StringComparison.Ordinal) && !keep.Contains(m.Source)).ToList();
        if (stale.Count == 0 || SshfsTools.Find() is not { Tools: { } tools })
        {
            return 0;
        }

        var unmounted = 0;

        foreach (var mount in stale)
        {
            var (exitCode, error) = await SshfsMount.UnmountAsync(tools, mount.MountPoint, lazy: true).ConfigureAwait(false);
            if (exitCode == 0)
            {
                Log.StaleUnmounted(logger, mount.MountPoint);
                unmounted++;
            }
            else
            {
                Log.UnmountFailed(logger, mount.MountPoint, error);
            }
        }

        return unmounted;
    }
}
