using System.Collections.Concurrent;

namespace Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fact that needs outside tools: a program on the PATH ("sshfs", "fusermount3") or a file where the
/// system keeps it ("/dev/fuse", "/usr/lib/openssh/sftp-server"). Skipped, with the reason, where one is
/// missing; CI installs them all. (tests/Telepath.EndToEnd.Tests has the fuller one.)
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    private static readonly ConcurrentDictionary<string, bool> s_present = new();

    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => !s_present.GetOrAdd(tool, IsPresent)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} (apt-get install sshfs openssh-sftp-server)";
        }
    }

    private static bool IsPresent(string tool) =>
        tool.StartsWith('/')
            ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
