using System.Diagnostics;

namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// A test that builds network namespaces: it needs root and a working <c>ip netns</c>, and is
/// skipped with the reason where either is missing (CI runs as root, so there it always runs).
/// </summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_missing = new(Missing);

    /// <summary>Why namespaces cannot be built here, or null when they can.</summary>
    public static string? MissingReason => s_missing.Value;

    public NetnsFactAttribute()
    {
        if (s_missing.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Missing()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs root on Linux to build network namespaces (run the tests as root, as CI does)";
        }

        // Runs once while xunit discovers tests; a blocking wait is the only option in an attribute.
        try
        {
            using var ip = Process.Start(new ProcessStartInfo("ip", ["netns", "list"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            ip.WaitForExit(10_000);
            return ip.ExitCode == 0 ? null : "needs `ip netns` (iproute2) working: `ip netns list` failed";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "needs `ip netns` (install iproute2)";
        }
    }
}
