using Telepath.Core;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Daemon;

/// <summary>Stopping the daemon and waiting until it is gone: quit, and a connect that fails in a daemon it started.</summary>
internal static class DaemonExit
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Asks the daemon to quit and waits until it has ended.</summary>
    public static async Task QuitAsync(DaemonConnection daemon, DaemonPaths paths, CancellationToken cancellationToken)
    {
        var process = DaemonProcess.Find(paths);
        await daemon.Client.QuitAsync(new Empty(), deadline: DaemonConnection.Deadline(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WaitAsync(paths, process, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Until the socket is gone and the process has ended (its pid file goes a moment before the runtime
    /// exits), so the next command does not find a daemon on its way out and a supervisor sees nothing left.
    /// </summary>
    private static async Task WaitAsync(DaemonPaths paths, DaemonProcess? process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExitTimeout);
        try
        {
            while (await SocketProbe.IsListeningAsync(paths.Socket, timeout.Token).ConfigureAwait(false)
                || File.Exists(paths.PidFile)
                || process?.IsRunning() == true)
            {
                await Task.Delay(50, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserErrorException($"the Telepath daemon did not stop within {ExitTimeout.TotalSeconds:0} s; see {DaemonPaths.ForDisplay(paths.DaemonLog)}");
        }
    }
}
