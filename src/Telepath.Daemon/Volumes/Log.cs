using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Volumes;

internal static partial class Log
{
    [LoggerMessage(700, LogLevel.Information, "Mounted {Volume} of intercept {Intercept} at {MountPoint}{ReadOnly}")]
    public static partial void Mounted(ILogger logger, string volume, string intercept, string mountPoint, string readOnly);

    [LoggerMessage(701, LogLevel.Warning, "Could not mount the volumes of intercept {Intercept}: {Problem}")]
    public static partial void MountFailed(ILogger logger, string intercept, string problem);

    [LoggerMessage(702, LogLevel.Information, "Unmounted {MountPoint}")]
    public static partial void Unmounted(ILogger logger, string mountPoint);

    [LoggerMessage(703, LogLevel.Warning, "Could not unmount {MountPoint}: {Problem}")]
    public static partial void UnmountFailed(ILogger logger, string mountPoint, string problem);

    [LoggerMessage(704, LogLevel.Information, "Unmounted the stale volume mount {MountPoint}, left by a daemon that ended without unmounting")]
    public static partial void StaleUnmounted(ILogger logger, string mountPoint);

    [LoggerMessage(705, LogLevel.Debug, "sshfs for {MountPoint}: {Line}")]
    public static partial void SshfsSaid(ILogger logger, string mountPoint, string line);

    [LoggerMessage(706, LogLevel.Warning, "The volume {MountPoint} went away: {Problem}")]
    public static partial void MountLost(ILogger logger, string mountPoint, string problem);
}
