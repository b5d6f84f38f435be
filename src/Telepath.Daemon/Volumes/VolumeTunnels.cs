using Telepath.Tunnels.Streams;
using Telepath.Tunnels.Volumes;
using Telepath.Tunnels.Wire;

namespace Telepath.Daemon.Volumes;

/// <summary>
/// Asks one of the intercepted workload's agents, through the manager, for its volume list or for an
/// SFTP session over one volume (docs/protocol.md, "Volumes").
/// </summary>
internal sealed class VolumeTunnels(TunnelOpener tunnels, Func<string> sessionSecret)
{
    /// <returns>The agent's volumes, or why there are none to mount.</returns>
    public async Task<(VolumeList? List, string? Problem)> ListAsync(string interceptId, CancellationToken cancellationToken)
    {
        var (tunnel, problem) = await OpenAsync(interceptId, "", cancellationToken).ConfigureAwait(false);
        if (tunnel is null)
        {
            return (null, problem);
        }

        await using (tunnel.ConfigureAwait(false))
        {
            await tunnel.ShutdownWriteAsync().ConfigureAwait(false);
            var json = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            try
            {
                while ((read = await tunnel.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    json.Write(buffer, 0, read);
                    if (json.Length > VolumeList.MaxBytes)
                    {
                        return (null, $"the agent's volume list is larger than {VolumeList.MaxBytes} bytes");
                    }
                }
            }
            catch (IOException e)
            {
                return (null, $"the agent's volume list did not arrive: {e.Message}");
            }

            return VolumeList.Parse(json.ToArray());
        }
    }

    /// <summary>Opens an SFTP session over one volume; the bytes that follow are sftp-server's.</summary>
    public Task<(TunnelStream? Tunnel, string? Problem)> OpenVolumeAsync(string interceptId, string path, CancellationToken cancellationToken) =>
        OpenAsync(interceptId, path, cancellationToken);

    private async Task<(TunnelStream? Tunnel, string? Problem)> OpenAsync(string interceptId, string path, CancellationToken cancellationToken)
    {
        var tunnel = tunnels.Open(TunnelWire.VolumesPath, [
            new(TunnelWire.SessionHeader, sessionSecret()),
            new(TunnelWire.InterceptHeader, interceptId),
            new(TunnelWire.VolumeHeader, path)]);
        TunnelAnswer answer;
        try
        {
            answer = await tunnel.AnswerAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            return (null, $"the traffic manager could not be asked for volumes: {e.Message}");
        }

        if (!answer.Established)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            return (null, answer.Message);
        }

        return (tunnel, null);
    }
}
