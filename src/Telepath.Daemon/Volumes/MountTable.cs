using System.Text;

namespace Telepath.Daemon.Volumes;

/// <summary>One line of /proc/self/mountinfo: where something is mounted, its type and its source.</summary>
public sealed record MountEntry(string MountPoint, string FileSystemType, string Source);

/// <summary>
/// The kernel's table of mounts as this process sees it (/proc/self/mountinfo): how the daemon knows a
/// volume is mounted, and finds the ones a killed daemon left behind.
/// </summary>
public static class MountTable
{
    public const string DefaultPath = "/proc/self/mountinfo";

    public static IReadOnlyList<MountEntry> Read(string path = DefaultPath)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Lines are "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS",
    /// with spaces, tabs, newlines and backslashes in paths written as octal escapes (\040).
    /// </summary>
    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = fields.Length < 7 ? -1 : Array.IndexOf(fields, "-", 6);
            if (separator < 0 || separator + 2 >= fields.Length)
            {
                continue;
            }

            entries.Add(new MountEntry(Unescape(fields[4]), Unescape(fields[separator + 1]), Unescape(fields[separator + 2])));
        }

        return entries;
    }

    public static bool IsMounted(string mountPoint, string fileSystemType, string path = DefaultPath) =>
        Read(path).Any(e => e.MountPoint == mountPoint && e.FileSystemType == fileSystemType);

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.AsSpan(i + 1, 3).IndexOfAnyExceptInRange('0', '7') < 0)
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
