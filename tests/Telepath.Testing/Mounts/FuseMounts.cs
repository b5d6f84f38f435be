using System.Text.RegularExpressions;

namespace Telepath.Testing.Mounts;

/// <summary>What the kernel says is mounted (/proc/self/mountinfo), the check that nothing is left behind.</summary>
public static partial class FuseMounts
{
    /// <summary>The directory an intercept's output names on its "Volume Mount Point" line.</summary>
    public static string PointIn(string interceptOutput) =>
        MountPoint().Match(interceptOutput) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"no Volume Mount Point in:\n{interceptOutput}");

    /// <summary>The FUSE mount points at or below the directory (the tests' paths have no characters mountinfo escapes).</summary>
    public static IReadOnlyList<string> Under(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return [.. File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 7 && Array.IndexOf(fields, "-", 6) is > 0 and var separator && separator + 1 < fields.Length &&
                fields[separator + 1].StartsWith("fuse", StringComparison.Ordinal))
            .Select(fields => fields[4])
            .Where(mountPoint => mountPoint == directory || mountPoint.StartsWith(prefix, StringComparison.Ordinal))];
    }

    public static string Describe(string directory) => Under(directory) is { Count: > 0 } mounts ? string.Join(", ", mounts) : "no mounts";

    /// <summary>
    /// The processes that keep a mount below the directory alive (sshfs, and fusermount3 watching it for
    /// auto_unmount), found by the mount point in their command lines.
    /// </summary>
    /// <returns>fusermount3's first, so that none of them unmounts when its sshfs is killed.</returns>
    public static IReadOnlyList<int> ProcessesServing(string directory)
    {
        var pids = new List<(int Pid, bool Sshfs)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
                if (arguments.Length > 0 && Path.GetFileName(arguments[0]) is "sshfs" or "fusermount3" &&
                    arguments.Any(a => a.StartsWith(directory, StringComparison.Ordinal)))
                {
                    pids.Add((pid, Path.GetFileName(arguments[0]) == "sshfs"));
                }
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }

        return [.. pids.OrderBy(p => p.Sshfs).Select(p => p.Pid)];
    }

    [GeneratedRegex(@"Volume Mount Point: (\S+)")]
    private static partial Regex MountPoint();
}
