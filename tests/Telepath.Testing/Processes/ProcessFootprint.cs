using System.Globalization;

namespace Telepath.Testing.Processes;

/// <summary>
/// What a running process holds at one moment, as Linux reports it in /proc: open file descriptors
/// (sockets included), threads, and resident memory. For tests that check nothing grows.
/// </summary>
public sealed record ProcessFootprint(int OpenFiles, int Threads, long ResidentBytes)
{
    public const long Megabyte = 1024 * 1024;

    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="InvalidOperationException">The process does not run (any more).</exception>
    public static ProcessFootprint Of(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a process's footprint is read from Linux's /proc");
        }

        try
        {
            var openFiles = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcessFootprint(openFiles, (int)Field(status, "Threads"), Field(status, "VmRSS") * 1024);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            throw new InvalidOperationException($"process {pid} does not run", e);
        }
    }

    public override string ToString() =>
        $"{OpenFiles} open files, {Threads} threads, {ResidentBytes / (double)Megabyte:0.0} MiB resident";

    // "Threads:\t12" or "VmRSS:\t   51234 kB": the first number after the colon.
    private static long Field(string[] status, string name)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc status has no {name} line");
        var value = line[(name.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(value, CultureInfo.InvariantCulture);
    }
}
