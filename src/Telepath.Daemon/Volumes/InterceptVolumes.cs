using Microsoft.Extensions.Logging;
using Telepath.Protocol.Daemon;
using Telepath.Tunnels.Volumes;

namespace Telepath.Daemon.Volumes;

/// <summary>
/// One intercept's volumes on the laptop: each volume of the app container that is not inside another
/// at DIRECTORY + its path, one sshfs each. A volume mounted inside another (a ConfigMap at
/// /etc/app/extra over an emptyDir at /etc/app) comes through its parent's mount, as the agent's
/// own file system shows it, read-only flags included.
/// </summary>
internal sealed class InterceptVolumes(string interceptName, string directory, bool ownsDirectory, ILogger logger) : IAsyncDisposable
{
    /// <summary>Numbers every mount's source, so that a remounted volume never shares one with its dead predecessor.</summary>
    private static int s_mountNumber;

    private readonly List<SshfsMount> _mounts = [];
    private readonly SemaphoreSlim _mounting = new(1, 1);
    private string _problem = "";
    private bool _disposed;

    public MountInfo Info()
    {
        var info = new MountInfo { Directory = directory, Problem = _problem };
        lock (_mounts)
        {
            info.Volumes.AddRange(_mounts.Select(m => new MountedVolume { Path = m.Volume.Path, ReadOnly = m.Volume.ReadOnly }));
        }

        return info;
    }

    /// <summary>Mounts every volume not mounted yet: all of them at first, the lost ones after the manager came back.</summary>
    public async Task MountAsync(VolumeTunnels tunnels, SshfsTools tools, string interceptId, string sourceTag, CancellationToken cancellationToken)
    {
        await _mounting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await MountMissingAsync(tunnels, tools, interceptId, sourceTag, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _mounting.Release();
        }
    }

    private async Task MountMissingAsync(VolumeTunnels tunnels, SshfsTools tools, string interceptId, string sourceTag, CancellationToken cancellationToken)
    {
        _problem = "";
        var (list, problem) = await tunnels.ListAsync(interceptId, cancellationToken).ConfigureAwait(false);
        if (list is null)
        {
            Fail($"volumes not mounted: {problem}");
            return;
        }

        var problems = new List<string>();
        foreach (var volume in Outermost(list.Volumes))
        {
            lock (_mounts)
            {
                if (_disposed || _mounts.Any(m => m.Volume.Path == volume.Path))
                {
                    continue;
                }
            }

            var (tunnel, refused) = await tunnels.OpenVolumeAsync(interceptId, volume.Path, cancellationToken).ConfigureAwait(false);
            if (tunnel is null)
            {
                problems.Add($"{volume.Path}: {refused}");
                continue;
            }

            var mountPoint = Path.Combine(directory, volume.Path.TrimStart('/'));
            var source = $"{sourceTag}:{interceptId}:{Interlocked.Increment(ref s_mountNumber)}";
            var (mount, failed) = await SshfsMount.StartAsync(tools, tunnel, mountPoint, source, volume, logger, cancellationToken).ConfigureAwait(false);
            if (mount is null)
            {
                problems.Add(failed!);
                continue;
            }

            bool disposed;
            lock (_mounts)
            {
                disposed = _disposed;
                if (!disposed)
                {
                    _mounts.Add(mount);
                }
            }

            if (disposed)
            {
                // Left while this mount was being made.
                await mount.DisposeAsync().ConfigureAwait(false);
                return;
            }

            Log.Mounted(logger, volume.Path, interceptName, mountPoint, volume.ReadOnly ? " (read-only)" : "");
            _ = WatchAsync(mount);
        }

        if (problems.Count > 0)
        {
            Fail($"some volumes not mounted: {string.Join("; ", problems)}");
        }
    }

    /// <summary>Unmounts every volume and removes the directories it made, when they are empty.</summary>
    public async ValueTask DisposeAsync()
    {
        SshfsMount[] mounts;
        lock (_mounts)
        {
            _disposed = true;
            mounts = [.. _mounts];
            _mounts.Clear();
        }

        await Task.WhenAll(mounts.Select(m => m.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (ownsDirectory)
        {
            RemoveEmptyDirectories(directory, [.. MountTable.Read().Select(m => m.MountPoint)]);
        }
    }

    /// <summary>The volumes not inside another one of the list, shortest path first.</summary>
    internal static IEnumerable<VolumeEntry> Outermost(IEnumerable<VolumeEntry> volumes)
    {
        var sorted = volumes.OrderBy(v => v.Path.Length).ThenBy(v => v.Path, StringComparer.Ordinal).ToList();
        return sorted.Where(v => !sorted.Any(o => o != v && v.Path.StartsWith(o.Path + "/", StringComparison.Ordinal)));
    }

    private void Fail(string problem)
    {
        _problem = problem;
        Log.MountFailed(logger, interceptName, problem);
    }

    private async Task WatchAsync(SshfsMount mount)
    {
        await mount.Exited.ConfigureAwait(false);
        bool stillOurs;
        lock (_mounts)
        {
            stillOurs = _mounts.Remove(mount);
        }

        if (stillOurs)
        {
            // The tunnel ended under it (the manager or the agent went away): sshfs exited and took the mount with it.
            Log.MountLost(logger, mount.MountPoint, "the tunnel to the agent ended");
            _problem = $"{mount.Volume.Path} is no longer mounted: the connection to the agent ended";
            await mount.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Deletes empty directories bottom-up, never following into a mount or a non-empty one.</summary>
    private static void RemoveEmptyDirectories(string root, HashSet<string> mountPoints)
    {
        // A mount that would not go may hang whoever reads it: never look inside one.
        if (!System.IO.Directory.Exists(root) || mountPoints.Contains(root))
        {
            return;
        }

        foreach (var child in System.IO.Directory.EnumerateDirectories(root))
        {
            if (new DirectoryInfo(child).LinkTarget is null)
            {
                RemoveEmptyDirectories(child, mountPoints);
            }
        }

        try
        {
            if (!System.IO.Directory.EnumerateFileSystemEntries(root).Any())
            {
                System.IO.Directory.Delete(root);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something still lives there (a mount that would not go): leave it for the user to see.
        }
    }
}
