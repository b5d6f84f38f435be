using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Volumes;

namespace Telepath.Daemon.Volumes;

/// <summary>
/// One volume mounted on the laptop: sshfs in passive mode, its stdin and stdout joined to a volumes
/// tunnel whose far end is the agent's sftp-server. Files are read on demand, so changes in the
/// cluster show up. When the tunnel ends, sshfs reads end-of-file, exits and the mount goes with it;
/// <c>auto_unmount</c> has fusermount3 remove the mount even when sshfs itself is killed.
/// </summary>
internal sealed class SshfsMount : IAsyncDisposable
{
    /// <summary>How long sshfs may take to answer the SFTP handshake and mount.</summary>
    private static readonly TimeSpan MountWait = TimeSpan.FromSeconds(15);

    /// <summary>How long a file's directory entry and attributes are cached: a change in the cluster shows up after at most this.</summary>
    private const int CacheSeconds = 1;

    private readonly Process _process;
    private readonly TunnelStream _tunnel;
    private readonly SshfsTools _tools;
    private readonly ILogger _logger;
    private readonly Task _pumps;
    private readonly Queue<string> _lastErrors = new();

    private SshfsMount(Process process, TunnelStream tunnel, SshfsTools tools, string mountPoint, string source, VolumeEntry volume, ILogger logger)
    {
        _process = process;
        _tunnel = tunnel;
        _tools = tools;
        _logger = logger;
        MountPoint = mountPoint;
        Source = source;
        Volume = volume;
        _pumps = Task.WhenAll(
            PumpAsync(tunnel, process.StandardInput.BaseStream, closeDestination: () => process.StandardInput.Close()),
            PumpAsync(process.StandardOutput.BaseStream, tunnel, closeDestination: () => _ = tunnel.ShutdownWriteAsync().AsTask()),
            ReadErrorsAsync());
    }

    public string MountPoint { get; }

    public VolumeEntry Volume { get; }

    /// <summary>The mount's source in /proc/self/mountinfo (sshfs's <c>fsname</c>): unique, so the mount is found whatever symlinks its path crosses.</summary>
    public string Source { get; }

    /// <summary>Starts sshfs over the tunnel and waits until the kernel lists the mount.</summary>
    /// <returns>The mount, or why it failed (the tunnel is disposed then).</returns>
    public static async Task<(SshfsMount? Mount, string? Problem)> StartAsync(
        SshfsTools tools, TunnelStream tunnel, string mountPoint, string source, VolumeEntry volume, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tools.Sshfs)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LC_ALL"] = "C";
        var options = $"passive,auto_unmount,fsname={source},dcache_timeout={CacheSeconds},entry_timeout={CacheSeconds},attr_timeout={CacheSeconds}";
        if (volume.ReadOnly)
        {
            options += ",ro";
        }

        foreach (var argument in new[] { "-f", "-o", options, ":", mountPoint })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            Directory.CreateDirectory(mountPoint);
            process = Process.Start(start) ?? throw new InvalidOperationException("sshfs did not start");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            return (null, $"{volume.Path}: {e.Message}");
        }

        var mount = new SshfsMount(process, tunnel, tools, mountPoint, source, volume, logger);
        var problem = await mount.WaitMountedAsync(cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            await mount.DisposeAsync().ConfigureAwait(false);
            return (null, $"{volume.Path}: {problem}");
        }

        return (mount, null);
    }

    /// <summary>Ends when sshfs has exited: unmounted, or the tunnel was lost.</summary>
    public Task Exited => _process.WaitForExitAsync();

    public bool IsMounted => MountTable.Read().Any(IsOurs);

    /// <summary>Unmounts (lazily when a program still has a file open there), then ends sshfs and the tunnel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            var mountPoint = MountTable.Read().FirstOrDefault(IsOurs)?.MountPoint;
            if (mountPoint is not null)
            {
                var (exitCode, error) = await UnmountAsync(_tools, mountPoint, lazy: false).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    // A shell whose working directory is inside keeps it busy: detach it now, it goes when they leave.
                    (exitCode, error) = await UnmountAsync(_tools, mountPoint, lazy: true).ConfigureAwait(false);
                }

                if (exitCode == 0)
                {
                    Log.Unmounted(_logger, mountPoint);
                }
                else
                {
                    Log.UnmountFailed(_logger, mountPoint, error);
                }
            }
        }

        _tunnel.Abort();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill();
        }

        await _pumps.ConfigureAwait(false);
        await _tunnel.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>fusermount3 -u [-z]: unmounting a FUSE file system needs no root.</summary>
    public static async Task<(int ExitCode, string Error)> UnmountAsync(SshfsTools tools, string mountPoint, bool lazy)
    {
        var start = new ProcessStartInfo(tools.Fusermount) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["LC_ALL"] = "C";
        start.ArgumentList.Add(lazy ? "-uz" : "-u");
        start.ArgumentList.Add(mountPoint);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, (await error.ConfigureAwait(false)).Trim());
    }

    private bool IsOurs(MountEntry entry) => entry.Source == Source && entry.FileSystemType == "fuse.sshfs";

    private async Task<string?> WaitMountedAsync(CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(MountWait);
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        try
        {
            // The kernel says nothing when a FUSE mount appears: look at its table until it lists ours.
            while (!IsMounted)
            {
                if (exited.IsCompleted)
                {
                    return $"sshfs exited ({_process.ExitCode}): {LastError()}";
                }

                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token)).ConfigureAwait(false);
                patience.Token.ThrowIfCancellationRequested();
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"sshfs did not mount within {MountWait.TotalSeconds:0} s: {LastError()}";
        }
    }

    private string LastError()
    {
        lock (_lastErrors)
        {
            return _lastErrors.Count == 0 ? "it said nothing" : string.Join("; ", _lastErrors);
        }
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            Log.SshfsSaid(_logger, MountPoint, line);
            lock (_lastErrors)
            {
                _lastErrors.Enqueue(line);
                if (_lastErrors.Count > 3)
                {
                    _lastErrors.Dequeue();
                }
            }
        }
    }

    private static async Task PumpAsync(Stream source, Stream destination, Action closeDestination)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                await destination.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
        {
            // Either end going away ends this direction; the other end hears it below.
        }

        try
        {
            closeDestination();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }
}
