using System.Globalization;

namespace Telepath.Testing.Processes;

/// <summary>Signals .NET has no API for, e.g. SIGSTOP and SIGCONT to freeze a process and wake it up, sent with kill(1).</summary>
public static class UnixSignal
{
    public static Task StopAsync(int pid) => SendAsync(pid, "STOP");

    public static Task ContinueAsync(int pid) => SendAsync(pid, "CONT");

    public static Task KillAsync(int pid) => SendAsync(pid, "KILL");

    /// <param name="signal">Its name without SIG: STOP, CONT, KILL, TERM.</param>
    /// <exception cref="InvalidOperationException">kill failed, e.g. no such process.</exception>
    public static async Task SendAsync(int pid, string signal)
    {
        var result = await ProcessRunner.RunAsync("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not send SIG{signal} to {pid}\n{result}");
        }
    }

    /// <summary>Whether the process is stopped (state T in /proc/PID/stat), as after SIGSTOP.</summary>
    public static bool IsStopped(int pid)
    {
        // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, so the state follows the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
    }
}
