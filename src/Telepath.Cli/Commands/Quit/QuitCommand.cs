using System.Diagnostics;
using Telepath.Cli.Daemon;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Quit;

internal static class QuitCommand
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = DaemonPaths.FromEnvironment();
        using var daemon = await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false);
        if (daemon is null)
        {
            await Console.Out.WriteLineAsync("Telepath Daemon had already quit").ConfigureAwait(false);
            await RemoveNetworkLeftoversAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        await Console.Out.WriteAsync("Telepath Daemon quitting...").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        await daemon.Client.QuitAsync(new Empty(), deadline: DaemonConnection.Deadline(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WaitForExitAsync(paths, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync("done").ConfigureAwait(false);
        await RemoveNetworkLeftoversAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task RemoveNetworkLeftoversAsync(CancellationToken cancellationToken)
    {
        if (await NetworkLeftovers.RemoveAsync(cancellationToken).ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync("Removed the network settings a killed Telepath left behind (its nftables table and resolv.conf block)").ConfigureAwait(false);
        }
    }

    /// <summary>Until the socket is gone, so the next command does not find a daemon on its way out.</summary>
    private static async Task WaitForExitAsync(DaemonPaths paths, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (await SocketProbe.IsListeningAsync(paths.Socket, cancellationToken).ConfigureAwait(false) || File.Exists(paths.PidFile))
        {
            if (elapsed.Elapsed > ExitTimeout)
            {
                throw new UserErrorException($"the Telepath daemon did not stop within {ExitTimeout.TotalSeconds:0} s; see {DaemonPaths.ForDisplay(paths.DaemonLog)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}
