using System.Runtime.InteropServices;
using System.Text;

namespace Telepath.Cli.Launcher;

/// <summary>
/// The full client, PREFIX/lib/telepath/telepath.dll, run by the dotnet that installed it
/// (PREFIX/lib/telepath/dotnet-host, written by deploy/install-client.sh). Exec'd, not started: it
/// takes over this process, so its pid, stdio, signals and exit code are the command's.
/// </summary>
internal static unsafe partial class FullClient
{
    public const string DotnetHostFile = "dotnet-host";

    /// <summary>Returns only when the exec failed: one line on stderr, exit code 1.</summary>
    public static int Exec(string[] args)
    {
        // The real path of this binary (/proc/self/exe), so a symlink to it elsewhere on PATH works too.
        var bin = Path.GetDirectoryName(Environment.ProcessPath) ?? ".";
        var lib = Path.GetFullPath(Path.Combine(bin, "..", "lib", "telepath"));
        var dll = Path.Combine(lib, "telepath.dll");
        string dotnet;
        try
        {
            dotnet = File.ReadAllText(Path.Combine(lib, DotnetHostFile)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read {Path.Combine(lib, DotnetHostFile)} ({e.Message})");
        }

        string[] argv = [dotnet, dll, .. args];
        var strings = argv.Select(a => Encoding.UTF8.GetBytes(a + '\0')).ToArray();
        var handles = strings.Select(s => GCHandle.Alloc(s, GCHandleType.Pinned)).ToArray();
        var pointers = new byte*[argv.Length + 1];
        for (var i = 0; i < argv.Length; i++)
        {
            pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
        }

        fixed (byte** vector = pointers)
        {
            execv(vector[0], vector);
        }

        // Still here: the exec failed.
        var error = Marshal.GetLastPInvokeErrorMessage();
        foreach (var handle in handles)
        {
            handle.Free();
        }

        return Fail($"cannot run {dotnet} {dll} ({error})");
    }

    private static int Fail(string why)
    {
        Console.Error.WriteLine($"telepath: {why}; install the client again (deploy/install-client.sh)");
        return 1;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int execv(byte* path, byte** argv);
}
