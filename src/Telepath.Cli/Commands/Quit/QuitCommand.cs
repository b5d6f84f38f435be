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
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

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
        using var process = DaemonProcess(paths);
        await daemon.Client.QuitAsync(new Empty(), deadline: DaemonConnection.Deadline(60), cancellationToken: cancellationToken).ConfigureAwait(false);
        await WaitForExitAsync(paths, process, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Until the socket is gone and the process has ended (its pid file goes a moment before the runtime
    /// exits), so the next command does not find a daemon on its way out and a supervisor sees nothing left.
    /// </summary>
    private static async Task WaitForExitAsync(DaemonPaths paths, Process? process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExitTimeout);
        try
        {
            while (await SocketProbe.IsListeningAsync(paths.Socket, timeout.Token).ConfigureAwait(false) || File.Exists(paths.PidFile))
            {
                await Task.Delay(50, timeout.Token).ConfigureAwait(false);
            }

            if (process is not null)
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserErrorException($"the Telepath daemon did not stop within {ExitTimeout.TotalSeconds:0} s; see {DaemonPaths.ForDisplay(paths.DaemonLog)}");
        }
    }

    /// <summary>The daemon's process from its pid file, or null when the file or the process is gone.</summary>
    private static Process? DaemonProcess(DaemonPaths paths)
    {
        try
        {
            return int.TryParse(File.ReadAllText(paths.PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid)
                ? Process.GetProcessById(pid)
                : null;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
