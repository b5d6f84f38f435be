using Grpc.Core;
using Telepath.Cli.Commands.Install;
using Telepath.Cli.Daemon;
using Telepath.Daemon.Outbound;
using Telepath.Protocol.Daemon;

namespace Telepath.Cli.Commands.Connect;

/// <summary>
/// A Kubernetes-mode connect done by the daemon (ConnectWithProgress): its install lines go to stderr
/// as they come, as when the CLI installed the manager itself.
/// </summary>
internal static class ConnectStream
{
    // The manager's rollout may take its two minutes (ManagerInstaller.DefaultReadyTimeout), then
    // come the wait for its pod and the port-forward.
    private const int DeadlineSeconds = 240;

    /// <summary>Connects; with transparent networking the cluster is prepared first and the helper started in between.</summary>
    public static async Task<StatusReply> ConnectAsync(LaunchedDaemon daemon, ConnectRequest request, CancellationToken cancellationToken)
    {
        if (request.ProxyMode == ProxySettings.On)
        {
            // sudo may ask for a password: only once the cluster is known to be usable and the manager is there.
            var prepare = request.Clone();
            prepare.PrepareOnly = true;
            if (await ReadAsync(daemon, prepare, cancellationToken).ConfigureAwait(false) is { } already)
            {
                return already;
            }

            request = await NetworkHelperStart.AddToAsync(request, cancellationToken).ConfigureAwait(false);
            request.InstallManager = false;
        }

        return await ReadAsync(daemon, request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the daemon ended the connect call without the connection");
    }

    /// <returns>The connection; null when the stream ended without one (a prepare-only call).</returns>
    private static async Task<StatusReply?> ReadAsync(LaunchedDaemon daemon, ConnectRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadEventsAsync(daemon, request, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            // A daemon an earlier version started, still running after an upgrade, connects only the old way.
            throw new Core.UserErrorException("the running Telepath daemon is of an older version; run \"telepath quit\" and connect again");
        }
    }

    private static async Task<StatusReply?> ReadEventsAsync(LaunchedDaemon daemon, ConnectRequest request, CancellationToken cancellationToken)
    {
        using var call = daemon.Connection.Client.ConnectWithProgress(request, deadline: DaemonConnection.Deadline(DeadlineSeconds), cancellationToken: cancellationToken);
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (update.EventCase)
            {
                case ConnectEvent.EventOneofCase.Progress:
                    StderrProgress.Instance.Report(update.Progress);
                    break;
                case ConnectEvent.EventOneofCase.Prepared when daemon.Started && !request.PrepareOnly:
                    // Where the daemon used to be started, after the cluster's checks and the install: a
                    // connect refused by the cluster says nothing of a daemon, as before.
                    await Console.Error.WriteLineAsync(DaemonLauncher.LaunchingLine).ConfigureAwait(false);
                    break;
                case ConnectEvent.EventOneofCase.Connected:
                    return update.Connected;
            }
        }

        return null;
    }
}
