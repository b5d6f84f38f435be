using System.Runtime.InteropServices;

namespace Telepath.Cli.Commands.Demo;

/// <summary>Signals to the demo's children: a graceful stop, as the user's Ctrl+C or a supervisor would send it.</summary>
internal static partial class ChildSignals
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;

    public static void Interrupt(int pid) => _ = Kill(pid, SIGINT);

    public static void Terminate(int pid) => _ = Kill(pid, SIGTERM);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
