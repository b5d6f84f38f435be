using System.Runtime.InteropServices;

namespace Telepath.Daemon.Hosting;

/// <summary>
/// Detaches the daemon from the terminal it was started from, so a Ctrl+C meant for the CLI (or
/// for whatever the user runs next in that terminal) does not reach it.
/// </summary>
internal static partial class SessionLeader
{
    /// <returns>False when the process already leads a process group (setsid then fails with EPERM), which is harmless.</returns>
    public static bool Become() => setsid() >= 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();
}
