using Grpc.Core;
using Telepath.Cli.Daemon;
using Telepath.Core;
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
    /// <summary>
    /// Direct mode: <paramref name="prepare"/> runs before the daemon is started. A connect that fails
    /// leaves no daemon behind that this command started, as through the kubeconfig.
    /// </summary>
    public static async Task<StatusReply> ConnectAsync(ConnectRequest probe, Func<CancellationToken, Task<ConnectRequest>> prepare, CancellationToken cancellationToken)
    {
        var paths = DaemonPaths.FromEnvironment();
        if (await AskConnectedAsync(paths, probe, cancellationToken).ConfigureAwait(false) is { } connected)
        {
            return connected;
        }

        var request = await prepare(cancellationToken).ConfigureAwait(false);
        var daemon = await DaemonLauncher.FindOrStartAsync(paths, announce: true, cancellationToken).ConfigureAwait(false);
        using var connection = daemon.Connection;
        try
        {
            return await connection.Client.ConnectAsync(request, deadline: DaemonConnection.Deadline(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await StopIfStartedAsync(daemon, paths).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Through the kubeconfig: the daemon is started at once, while this process builds the request,
    /// and does all the cluster's work (one cold process loading the Kubernetes client, not two). A
    /// connect that fails leaves no daemon behind that this command started.
    /// </summary>
    /// <param name="checks">What can refuse the connect before a daemon is started (a proxy port in use).</param>
    public static async Task<StatusReply> ConnectAsync(ClusterConnect cluster, ProxyChoice proxy, Func<Task> checks, CancellationToken cancellationToken)
    {
        var paths = DaemonPaths.FromEnvironment();
        if (await AskConnectedAsync(paths, proxy.ApplyTo(cluster.Probe()), cancellationToken).ConfigureAwait(false) is { } connected)
        {
            return connected;
        }

        await checks().ConfigureAwait(false);
        var launch = DaemonLauncher.FindOrStartAsync(paths, announce: false, cancellationToken);
        ConnectRequest request;
        try
        {
            request = proxy.ApplyTo(cluster.Request());
        }
        catch
        {
            await StopIfStartedAsync(launch, paths).ConfigureAwait(false);
            throw;
        }

        var daemon = await launch.ConfigureAwait(false);
        using var connection = daemon.Connection;
        try
        {
            return await ConnectStream.ConnectAsync(daemon, request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await StopIfStartedAsync(daemon, paths).ConfigureAwait(false);
            throw;
        }
    }

    // Best effort, and not cancelled by the Ctrl+C that may have ended the connect: the error that
    // ended the connect is the one to report.
    private static async Task StopIfStartedAsync(Task<LaunchedDaemon> launch, DaemonPaths paths)
    {
        try
        {
            var daemon = await launch.ConfigureAwait(false);
            using var connection = daemon.Connection;
            await StopIfStartedAsync(daemon, paths).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UserErrorException or OperationCanceledException)
        {
            // It did not start: nothing to stop.
        }
    }

    private static async Task StopIfStartedAsync(LaunchedDaemon daemon, DaemonPaths paths)
    {
        if (!daemon.Started)
        {
            return;
        }

        try
        {
            await DaemonExit.QuitAsync(daemon.Connection, paths, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or UserErrorException)
        {
            // A daemon that will not quit is one "telepath quit" or status shows.
        }
    }

    /// <returns>The connection of a daemon that is connected already, to the probe's target (else it refuses); null when none is.</returns>
    private static async Task<StatusReply?> AskConnectedAsync(DaemonPaths paths, ConnectRequest probe, CancellationToken cancellationToken)
    {
        using var running = await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false);
        return running is not null && await IsConnectedAsync(running, cancellationToken).ConfigureAwait(false)
            ? await running.Client.ConnectAsync(probe, deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false)
            : null;
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
        var connected = await ConnectAsync(ClusterConnect.Defaults, proxy, () => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(ConnectText.Connected(connected)).ConfigureAwait(false);
        return await DaemonConnection.RequireAsync(paths, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsConnectedAsync(DaemonConnection daemon, CancellationToken cancellationToken) =>
        (await daemon.Client.StatusAsync(new Empty(), deadline: DaemonConnection.Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false)).Connected;
}
