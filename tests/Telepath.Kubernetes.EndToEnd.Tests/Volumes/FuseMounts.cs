using System.Text.RegularExpressions;

namespace Telepath.Kubernetes.EndToEnd.Tests.Volumes;

/// <summary>What the kernel says is mounted (/proc/self/mountinfo), the check that nothing is left behind.</summary>
public static partial class FuseMounts
{
    /// <summary>The directory an intercept's output names on its "Volume Mount Point" line.</summary>
    public static string PointIn(string interceptOutput) =>
        MountPoint().Match(interceptOutput) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no Volume Mount Point in:\n{interceptOutput}");

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

    [GeneratedRegex(@"Volume Mount Point: (\S+)")]
    private static partial Regex MountPoint();
}
