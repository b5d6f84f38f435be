using Telepath.Testing.Processes;

namespace Telepath.Bench.Outbound;

/// <summary>Whether this machine can build the network namespaces the outbound section needs, and if not, why.</summary>
internal static class NetnsSupport
{
    /// <returns>Null when it can; otherwise the one line the bench prints instead of the section.</returns>
    public static async Task<string?> MissingReasonAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs root on Linux to build network namespaces (run bench/run.sh as root)";
        }

        try
        {
            var list = await ProcessRunner.RunAsync("ip", ["netns", "list"], timeout: TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
            return list.ExitCode == 0 ? null : $"needs `ip netns` working (`ip netns list` failed: {list.Stderr.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "needs `ip netns` (install iproute2)";
        }
    }
}
