using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Telepath.Tunnels.Streams;

namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// One laptop's SFTP session over a volume: OpenSSH's sftp-server on the volume's directory, its stdin
/// fed from the tunnel through the agent's <see cref="SftpGuard"/> and its stdout sent back. sftp-server
/// speaks the protocol, and with -R refuses every write of a read-only volume itself; the guard keeps
/// every path inside the volume, which sftp-server does not.
/// </summary>
internal static class SftpSession
{
    public static async Task RunAsync(string sftpServer, VolumeMount volume, TunnelStream tunnel, ILogger logger, CancellationToken stopping)
    {
        using var process = Process.Start(StartInfo(sftpServer, volume))
            ?? throw new InvalidOperationException($"{sftpServer} did not start");
        Log.SftpStarted(logger, volume.MountPath, process.Id);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Killing is what ends the pumps: reads from a process's pipes do not all honour cancellation.
        using var kill = cut.Token.Register(() => Kill(process));
        using var writer = new SftpGuardWriter(tunnel);
        var errors = LogErrorsAsync(process, volume, logger);
        var inbound = FeedAsync(new Feed(tunnel, process, writer, new SftpGuard(new SftpGuardPaths(volume.SourceDir)), volume, logger), cut);
        try
        {
            await writer.CopyPacketsAsync(process.StandardOutput.BaseStream, stopping).ConfigureAwait(false);
            await tunnel.ShutdownWriteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The laptop reset the tunnel, or the agent is stopping: nobody reads the session any more.
            Log.SftpCut(logger, volume.MountPath, e.Message);
        }
        finally
        {
            // The process has closed its stdout (exited) or is cut off: whatever the laptop still sends goes nowhere.
            await cut.CancelAsync().ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(inbound, errors).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Log.SftpEnded(logger, volume.MountPath, process.ExitCode);
        }
    }

    private static ProcessStartInfo StartInfo(string sftpServer, VolumeMount volume)
    {
        var start = new ProcessStartInfo(sftpServer)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // -e: errors to stderr (a container has no syslog); -d expands %h and %u, so a literal % is doubled.
        // -d only sets where the session starts: sftp-server does not confine the laptop to the volume.
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("-l");
        start.ArgumentList.Add("ERROR");
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(volume.SourceDir.Replace("%", "%%", StringComparison.Ordinal));
        if (volume.ReadOnly)
        {
            start.ArgumentList.Add("-R");
        }

        SftpUser.Apply(start);
        return start;
    }

    /// <summary>
    /// The laptop's requests into sftp-server, those the guard lets through; its half-close is sftp-server's
    /// end of input, on which it exits.
    /// </summary>
    private static async Task FeedAsync(Feed feed, CancellationTokenSource cut)
    {
        var stdin = feed.Process.StandardInput.BaseStream;
        try
        {
            while (await SftpGuardPackets.ReadAsync(feed.Tunnel, cut.Token).ConfigureAwait(false) is { } packet)
            {
                if (feed.Guard.Judge(packet) is { } refused)
                {
                    Log.SftpRefused(feed.Logger, feed.Volume.MountPath, refused.Id, refused.Reason);
                    await feed.Writer.WriteAsync(SftpGuardPackets.Denied(refused.Id, refused.Reason), cut.Token).ConfigureAwait(false);
                    continue;
                }

                await stdin.WriteAsync(packet, cut.Token).ConfigureAwait(false);
                await stdin.FlushAsync(cut.Token).ConfigureAwait(false);
            }

            stdin.Close();
        }
        catch (SftpGuardException e)
        {
            // Past a malformed packet the guard cannot tell requests apart: nothing more may reach sftp-server.
            Log.SftpMalformed(feed.Logger, feed.Volume.MountPath, e.Message);
            feed.Tunnel.Abort();
            await cut.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A reset tunnel, or sftp-server gone: the session is over either way.
            await cut.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task LogErrorsAsync(Process process, VolumeMount volume, ILogger logger)
    {
        while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            Log.SftpSaid(logger, volume.MountPath, line);
        }
    }

    private sealed record Feed(TunnelStream Tunnel, Process Process, SftpGuardWriter Writer, SftpGuard Guard, VolumeMount Volume, ILogger Logger);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It has exited already.
        }
    }
}
