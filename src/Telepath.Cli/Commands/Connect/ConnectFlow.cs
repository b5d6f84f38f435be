using Telepath.Cli.Daemon;
using Telepath.Daemon;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// Connecting, shared by connect and by the commands that connect when needed (list, intercept).
/// A daemon that is already connected is asked first, so a connect to the same cluster returns at
/// once and one to another cluster is refused before anything is installed there.
/// </summary>
internal static class ConnectFlow
{
    public static async Task<StatusReply> ConnectAsync(ConnectRequest probe, Func<CancellationToken, Task<ConnectRequest>> prepare, CancellationToken cancellationToken)
    {
        var paths = DaemonPaths.FromEnvironment();
        using (var running = await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false))
        {
            if (running is not null && await IsConnectedAsync(running, cancellationToken).ConfigureAwait(false))
            {
                return await running.Client.ConnectAsync(probe, deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        var request = await prepare(cancellationToken).ConfigureAwait(false);
        using var daemon = await DaemonLauncher.EnsureRunningAsync(paths, cancellationToken).ConfigureAwait(false);
        return await daemon.Client.ConnectAsync(request, deadline: DaemonConnection.Deadline(60), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The daemon of a command that needs a connection: connected through the kubeconfig's current
    /// context when nothing is connected yet, saying so on stderr (stdout may be JSON).
    /// </summary>
    public static async Task<DaemonConnection> OpenConnectedAsync(CancellationToken cancellationToken)
    {
        var paths = DaemonPaths.FromEnvironment();
        var running = await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false);
        if (running is not null)
        {
            if (await IsConnectedAsync(running, cancellationToken).ConfigureAwait(false))
            {
                return running;
            }

            running.Dispose();
        }

        // The same network as a plain connect: the config file's proxy section, else on.
        var proxy = ProxyChoice.Resolve(null, null, [], [], direct: false, Config.ConfigFile.DefaultPath);
        NetworkHelperStart.EnsurePossible(proxy);
        var cluster = ClusterConnect.Defaults with { Proxy = proxy };
        var connected = await ConnectAsync(
            proxy.ApplyTo(cluster.Probe()),
            async token => await NetworkHelperStart.AddToAsync(proxy.ApplyTo(await cluster.PrepareAsync(token).ConfigureAwait(false)), token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(ConnectText.Connected(connected)).ConfigureAwait(false);
        return await DaemonConnection.RequireAsync(paths, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsConnectedAsync(DaemonConnection daemon, CancellationToken cancellationToken) =>
        (await daemon.Client.StatusAsync(new Empty(), deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false)).Connected;
}
