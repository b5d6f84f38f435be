using System.Diagnostics;
using Telepath.Cli.Daemon;
using Telepath.Core;
using Telepath.Daemon;
using Telepath.Daemon.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Daemon.Outbound.RootHelper;
using Telepath.Daemon.Volumes;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Commands.Quit;

internal static class QuitCommand
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = DaemonPaths.FromEnvironment();
        using var daemon = await DaemonConnection.TryOpenAsync(paths, cancellationToken).ConfigureAwait(false);
        if (daemon is null)
        {
            await Console.Out.WriteLineAsync("Telepath Daemon had already quit").ConfigureAwait(false);
            await RemoveNetworkLeftoversAsync(paths, cancellationToken).ConfigureAwait(false);
            if (await StaleMounts.CleanAsync(paths.MountsDirectory, NullLogger.Instance).ConfigureAwait(false) is > 0 and var stale)
            {
                await Console.Out.WriteLineAsync($"Unmounted {stale} volume mount(s) a killed Telepath left behind").ConfigureAwait(false);
            }

            return 0;
        }

        await Console.Out.WriteAsync("Telepath Daemon quitting...").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        await DaemonExit.QuitAsync(daemon, paths, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync("done").ConfigureAwait(false);
        await RemoveNetworkLeftoversAsync(paths, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>What a killed daemon and helper left behind; removed even when nothing runs.</summary>
    private static async Task RemoveNetworkLeftoversAsync(DaemonPaths paths, CancellationToken cancellationToken)
    {
        var telepath = NetworkHelperCommand.ForCurrentProcess(typeof(TelepathCli).Assembly.Location);
        if (await CrashLeftovers.RemoveAsync(telepath, paths, cancellationToken).ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync("Removed the network settings a killed Telepath left behind (its nftables table and resolv.conf block)").ConfigureAwait(false);
        }
    }
}
