using Telepath.Core;
using Telepath.Daemon;

namespace Telepath.Cli.Daemon;

internal sealed partial class DaemonConnection
{
    /// <summary>For commands that need a connected daemon: without a daemon there is no connection either.</summary>
    public static async Task<DaemonConnection> RequireAsync(DaemonPaths paths, CancellationToken cancellationToken) =>
        await TryOpenAsync(paths, cancellationToken).ConfigureAwait(false) ?? throw new UserErrorException(DaemonState.NotConnectedMessage);
}
