using System.Diagnostics;
using Telepath.Testing.Polling;
using Telepath.Tunnels.Streams;

namespace Telepath.TrafficAgent.Tests.Volumes;

/// <summary>
/// What the laptop does with a volume tunnel: sshfs in passive mode, speaking SFTP on its stdin and
/// stdout, which are joined to the tunnel. Disposing unmounts it.
/// </summary>
internal sealed class SshfsMount : IAsyncDisposable
{
    private readonly Process _sshfs;
    private readonly TunnelStream _tunnel;
    private readonly Task _pumps;

    private SshfsMount(string directory, Process sshfs, TunnelStream tunnel, Task pumps)
    {
        Directory = directory;
        _sshfs = sshfs;
        _tunnel = tunnel;
        _pumps = pumps;
    }

    public string Directory { get; }

    /// <summary>Mounts the volume the tunnel serves at <paramref name="directory"/> and waits until the kernel shows the mount.</summary>
    public static async Task<SshfsMount> MountAsync(TunnelStream tunnel, string directory)
    {
        var start = new ProcessStartInfo("/usr/bin/sshfs")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        // An empty remote path is the session's start directory: the volume the agent's sftp-server serves.
        foreach (var argument in new[] { "-f", "-o", "passive,cache=no", ":", directory })
        {
            start.ArgumentList.Add(argument);
        }

        var sshfs = Process.Start(start)!;
        var pumps = Task.WhenAll(ToSshfsAsync(tunnel, sshfs), FromSshfsAsync(sshfs, tunnel));
        await Poll.UntilAsync(() => File.ReadAllTextAsync("/proc/self/mountinfo"), mounts => mounts.Contains($" {directory} ", StringComparison.Ordinal) || sshfs.HasExited, $"sshfs to mount {directory}");
        if (sshfs.HasExited)
        {
            throw new InvalidOperationException($"sshfs exited with {sshfs.ExitCode} before it mounted {directory}");
        }

        return new SshfsMount(directory, sshfs, tunnel, pumps);
    }

    public async ValueTask DisposeAsync()
    {
        using (var unmount = Process.Start("/usr/bin/fusermount3", ["-u", Directory]))
        {
            await unmount.WaitForExitAsync();
        }

        // Unmounted, sshfs exits, and its end of stdout half-closes the tunnel.
        await _sshfs.WaitForExitAsync();
        await _pumps;
        _sshfs.Dispose();
        await _tunnel.DisposeAsync();
    }

    private static async Task ToSshfsAsync(TunnelStream tunnel, Process sshfs)
    {
        try
        {
            await tunnel.CopyToAsync(sshfs.StandardInput.BaseStream);
            sshfs.StandardInput.Close();
        }
        catch (IOException)
        {
            // sshfs exited first.
        }
    }

    private static async Task FromSshfsAsync(Process sshfs, TunnelStream tunnel)
    {
        await sshfs.StandardOutput.BaseStream.CopyToAsync(tunnel);
        await tunnel.ShutdownWriteAsync();
    }
}
