using System.Diagnostics;

namespace Telepath.Network.Testing.Laptop;

/// <summary>
/// Where the systemd-resolved package lies unpacked (<c>dpkg -x</c>, not installed, so this machine's
/// own resolver stays as it is), and why it cannot run here when it cannot.
/// </summary>
internal static class UnpackedSystemdResolved
{
    public const string Variable = "TELEPATH_TEST_SYSTEMD_RESOLVED";
    public const string DefaultRoot = "/opt/telepath-test/systemd-resolved";

    private static readonly Lazy<string?> s_unavailable = new(FindUnavailable);

    public static string Root => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root ? root : DefaultRoot;

    public static string Daemon => Path.Combine(Root, "lib", "systemd", "systemd-resolved");

    public static string Resolvectl => Path.Combine(Root, "usr", "bin", "resolvectl");

    /// <summary>The bus daemon found on PATH, or null.</summary>
    public static string? DbusDaemon =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dbus-daemon"))
            .FirstOrDefault(File.Exists);

    public static string? Unavailable => s_unavailable.Value;

    private static string? FindUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "systemd-resolved runs on Linux only";
        }

        foreach (var binary in new[] { Daemon, Resolvectl })
        {
            if (!File.Exists(binary))
            {
                return $"systemd-resolved is not unpacked at {Root} ({binary} is missing); .ci/run unpacks it ({Variable} names another place)";
            }
        }

        if (DbusDaemon is null)
        {
            return "dbus-daemon is not installed (.ci/run installs it)";
        }

        // It links the systemd package's private library: a missing or mismatched one fails here, not mid-test.
        // Runs once, while xunit discovers tests, so the wait blocks.
        using var version = Process.Start(new ProcessStartInfo(Daemon, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = version.StandardError.ReadToEndAsync();
        version.StandardOutput.ReadToEnd();
        version.WaitForExit(10_000);
        return version.HasExited && version.ExitCode == 0
            ? null
            : $"the unpacked systemd-resolved does not run ({Daemon} --version): {error.Result.Split('\n')[0]}";
    }
}
