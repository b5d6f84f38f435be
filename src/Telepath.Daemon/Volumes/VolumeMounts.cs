using Microsoft.Extensions.Logging;
using Telepath.Daemon.Hosting;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Streams;

namespace Telepath.Daemon.Volumes;

/// <summary>
/// The volume mounts of every intercept this laptop holds (issue 15; docs/volumes.md): made after the
/// intercept is created, unmounted when it is left, when the daemon quits or its connection ends.
/// </summary>
internal sealed class VolumeMounts(TunnelOpener tunnels, Func<string> sessionSecret, string mountsRoot, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<string, InterceptVolumes> _byId = new(StringComparer.Ordinal);
    private readonly VolumeTunnels _tunnels = new(tunnels, sessionSecret);

    /// <summary>What tags this user's mounts (sshfs's fsname) so a later daemon finds the ones a killed one left.</summary>
    public string SourceTag { get; } = StaleMounts.TagFor(mountsRoot);

    /// <summary>Mounts the intercept's volumes; a problem (no sshfs, no agent serving them) is in the answer, never thrown.</summary>
    /// <param name="agentsServe">Whether an agent of the workload said it serves volumes: when none does there is nothing to mount, nor to say.</param>
    public async Task<MountInfo?> MountAsync(InterceptInfo intercept, bool agentsServe, MountRequest? request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var (interceptId, interceptName) = (intercept.Id, intercept.Spec.Name);
        if (!agentsServe)
        {
            return null;
        }

        var (tools, missing) = SshfsTools.Find();
        var (directory, owned, refused) = ChooseDirectory(interceptName, request?.Directory ?? "");
        if (tools is null || directory is null)
        {
            var problem = missing ?? $"volumes not mounted: {refused}";
            Log.MountFailed(logger, interceptName, problem);
            return new MountInfo { Directory = directory ?? "", Problem = problem };
        }

        progress.Report($"mounting the volumes of {Kind(intercept)} {intercept.Spec.Workload} under {directory}");
        var volumes = new InterceptVolumes(interceptName, directory, owned, logger);
        lock (_byId)
        {
            _byId[interceptId] = volumes;
        }

        await volumes.MountAsync(_tunnels, tools, interceptId, SourceTag, cancellationToken).ConfigureAwait(false);
        return volumes.Info();
    }

    /// <summary>
    /// After the intercept was created again (the manager restarted, and the tunnels under the mounts
    /// ended with it): mounts again what went, into the same directory. Never fails.
    /// </summary>
    public async Task RemountAsync(string interceptId, CancellationToken cancellationToken)
    {
        InterceptVolumes? volumes;
        lock (_byId)
        {
            _byId.TryGetValue(interceptId, out volumes);
        }

        if (volumes is null || SshfsTools.Find() is not { Tools: { } tools })
        {
            return;
        }

        try
        {
            await volumes.MountAsync(_tunnels, tools, interceptId, SourceTag, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The daemon is stopping.
        }
    }

    /// <summary>This laptop's mounts by intercept name, for status.</summary>
    public IReadOnlyDictionary<string, MountInfo> ByName(Func<string, string?> nameOf)
    {
        lock (_byId)
        {
            return _byId.Where(e => nameOf(e.Key) is not null).ToDictionary(e => nameOf(e.Key)!, e => e.Value.Info(), StringComparer.Ordinal);
        }
    }

    public async Task UnmountAsync(string interceptId)
    {
        InterceptVolumes? volumes;
        lock (_byId)
        {
            _byId.Remove(interceptId, out volumes);
        }

        if (volumes is not null)
        {
            await volumes.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        InterceptVolumes[] all;
        lock (_byId)
        {
            all = [.. _byId.Values];
            _byId.Clear();
        }

        await Task.WhenAll(all.Select(v => v.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private static string Kind(InterceptInfo intercept) => intercept.WorkloadKind.Length > 0 ? intercept.WorkloadKind.ToLowerInvariant() : "workload";

    /// <returns>The directory, whether the daemon made it (and removes it), or why it cannot be used.</returns>
    private (string? Directory, bool Owned, string? Problem) ChooseDirectory(string interceptName, string requested)
    {
        try
        {
            if (requested.Length > 0)
            {
                if (!Path.IsPathFullyQualified(requested))
                {
                    return (null, false, $"--mount needs an absolute directory, not \"{requested}\"");
                }

                System.IO.Directory.CreateDirectory(requested);
                return (requested, false, null);
            }

            // Private to the user: the cluster's secrets are about to appear below it.
            PrivateDirectory.Ensure(mountsRoot);
            var directory = Path.Combine(mountsRoot, interceptName);
            for (var n = 2; System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any(); n++)
            {
                directory = Path.Combine(mountsRoot, $"{interceptName}-{n}");
            }

            PrivateDirectory.Ensure(directory);
            return (directory, true, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, false, e.Message);
        }
    }
}
