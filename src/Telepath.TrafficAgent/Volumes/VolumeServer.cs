using Microsoft.Extensions.Logging;
using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Volumes;
using Telepath.Tunnels.Wire;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// Serves one volume standby the manager answered: the volume list when the laptop named no volume, an
/// SFTP session when it named one of ours, and a reset otherwise (the laptop was already told 200, so
/// the end of the stream is all it can be told).
/// </summary>
internal sealed class VolumeServer(AgentOptions options, ILogger<VolumeServer> logger)
{
    /// <summary>
    /// The configured volumes whose source exists now: what is listed and served. A mount of one file (a
    /// subPath of a ConfigMap key) is served as the directory it sits in, which sshfs can mount and in
    /// which the file keeps its name; several such files of one directory share it.
    /// </summary>
    public IReadOnlyList<VolumeMount> Available()
    {
        var served = new Dictionary<string, VolumeMount>(StringComparer.Ordinal);
        foreach (var volume in options.Volumes)
        {
            var candidate = volume;
            if (!Directory.Exists(volume.SourceDir))
            {
                if (!File.Exists(volume.SourceDir) || Path.GetDirectoryName(volume.MountPath) is not { } parent || !VolumeList.IsSafePath(parent))
                {
                    continue;
                }

                candidate = new VolumeMount(parent, Path.GetDirectoryName(volume.SourceDir)!, volume.ReadOnly);
            }

            served[candidate.MountPath] = served.TryGetValue(candidate.MountPath, out var earlier)
                ? earlier with { ReadOnly = earlier.ReadOnly && candidate.ReadOnly }
                : candidate;
        }

        return [.. served.Values];
    }

    /// <summary>How many volumes the agent serves: none without sftp-server. The manager tells laptops, which mount nothing when it is 0.</summary>
    public int Served => File.Exists(options.SftpServer) ? Available().Count : 0;

    public async Task ServeAsync(TunnelStream tunnel, TunnelAnswer answer, CancellationToken stopping)
    {
        var asked = answer.Header(TunnelWire.VolumeHeader);
        var connectionId = answer.Header(TunnelWire.ConnectionHeader);
        try
        {
            if (asked.Length == 0)
            {
                Log.ListAsked(logger, connectionId, answer.Header(TunnelWire.ClientHeader));
                await SendListAsync(tunnel, stopping).ConfigureAwait(false);
            }
            else if (Available().FirstOrDefault(v => v.MountPath == asked) is { } volume)
            {
                Log.VolumeAsked(logger, connectionId, asked, answer.Header(TunnelWire.ClientHeader));
                await SftpSession.RunAsync(options.SftpServer, volume, tunnel, logger, stopping).ConfigureAwait(false);
            }
            else
            {
                Log.NoSuchVolume(logger, connectionId, asked);
                tunnel.Abort();
            }
        }
        // A reset tunnel, the agent stopping, or an sftp-server that could not start.
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Log.VolumeTunnelCut(logger, connectionId, e.Message);
        }
        finally
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SendListAsync(TunnelStream tunnel, CancellationToken stopping)
    {
        var list = new VolumeList([.. Available().Select(v => new VolumeEntry(v.MountPath, v.ReadOnly))]);
        await tunnel.WriteAsync(list.ToJson(), stopping).ConfigureAwait(false);
        await tunnel.ShutdownWriteAsync().ConfigureAwait(false);
        // The laptop's half-close after it has read the list lets the tunnel end cleanly, not as a reset.
        await tunnel.CopyToAsync(Stream.Null, stopping).ConfigureAwait(false);
    }
}
