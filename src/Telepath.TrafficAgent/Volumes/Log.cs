using Microsoft.Extensions.Logging;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficAgent.Volumes;

internal static partial class Log
{
    [LoggerMessage(700, LogLevel.Information, "serving volumes {MountPaths} to laptops that intercept this workload")]
    public static partial void ServingVolumes(ILogger logger, string mountPaths);

    [LoggerMessage(701, LogLevel.Warning, "serving no volumes: {SftpServer} does not exist (install openssh-sftp-server in the agent's image, or pass --sftp-server)")]
    public static partial void NoSftpServer(ILogger logger, string sftpServer);

    [LoggerMessage(702, LogLevel.Warning, "serving no volumes: none of their source directories exists ({SourceDirs})")]
    public static partial void NoVolumeSources(ILogger logger, string sourceDirs);

    [LoggerMessage(703, LogLevel.Debug, "volume standby refused: {Code}: {Message}; parking again in {Delay}")]
    public static partial void StandbyRefused(ILogger logger, TunnelErrorCode code, string message, TimeSpan delay);

    [LoggerMessage(704, LogLevel.Debug, "volume tunnel {ConnectionId}: {ClientName} asked for the volume list")]
    public static partial void ListAsked(ILogger logger, string connectionId, string clientName);

    [LoggerMessage(705, LogLevel.Information, "volume tunnel {ConnectionId}: {ClientName} opened an SFTP session on {MountPath}")]
    public static partial void VolumeAsked(ILogger logger, string connectionId, string mountPath, string clientName);

    [LoggerMessage(706, LogLevel.Information, "volume tunnel {ConnectionId}: no volume at \"{MountPath}\" is served; the tunnel is reset")]
    public static partial void NoSuchVolume(ILogger logger, string connectionId, string mountPath);

    [LoggerMessage(707, LogLevel.Debug, "volume tunnel {ConnectionId} cut: {Reason}")]
    public static partial void VolumeTunnelCut(ILogger logger, string connectionId, string reason);

    [LoggerMessage(708, LogLevel.Debug, "sftp-server for {MountPath} started (pid {Pid})")]
    public static partial void SftpStarted(ILogger logger, string mountPath, int pid);

    [LoggerMessage(709, LogLevel.Debug, "sftp-server for {MountPath}: {Line}")]
    public static partial void SftpSaid(ILogger logger, string mountPath, string line);

    [LoggerMessage(710, LogLevel.Debug, "SFTP session on {MountPath} cut: {Reason}")]
    public static partial void SftpCut(ILogger logger, string mountPath, string reason);

    [LoggerMessage(711, LogLevel.Debug, "sftp-server for {MountPath} exited with {ExitCode}")]
    public static partial void SftpEnded(ILogger logger, string mountPath, int exitCode);

    [LoggerMessage(712, LogLevel.Debug, "SFTP session on {MountPath}: request {RequestId} refused: {Reason}")]
    public static partial void SftpRefused(ILogger logger, string mountPath, uint requestId, string reason);

    [LoggerMessage(713, LogLevel.Warning, "SFTP session on {MountPath} ended: the laptop sent a malformed request ({Reason})")]
    public static partial void SftpMalformed(ILogger logger, string mountPath, string reason);
}
