using System.Diagnostics;
using Telepath.Daemon;
using Telepath.Daemon.Dns;
using Telepath.Daemon.Network;

namespace Telepath.Cli.Commands.Quit;

/// <summary>
/// What a daemon and helper that were killed outright leave behind: Telepath's nftables table and
/// its resolv.conf block. quit removes them even when nothing runs, through the helper (so sudo when
/// not root), and only when there is something to remove.
/// </summary>
internal static class NetworkLeftovers
{
    /// <returns>Whether something was removed.</returns>
    public static async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        if (!await ExistAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var paths = DaemonPaths.FromEnvironment();
        Directory.CreateDirectory(paths.RuntimeDirectory);
        var helper = await NetworkHelperLauncher.StartAsync(
            NetworkHelperCommand.ForCurrentProcess(typeof(TelepathCli).Assembly.Location), paths.NetworkHelperSocket, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var client = await NetworkHelperClient.ConnectAsync(helper.SocketPath, cancellationToken).ConfigureAwait(false);
        var reply = await client.CleanupAsync(cancellationToken).ConfigureAwait(false);
        return reply.Ok ? true : throw new Core.UserErrorException($"removing Telepath's leftover network settings failed: {reply.Error}");
    }

    private static async Task<bool> ExistAsync(CancellationToken cancellationToken)
    {
        var resolvConf = File.Exists(ResolvConf.Path) ? await File.ReadAllTextAsync(ResolvConf.Path, cancellationToken).ConfigureAwait(false) : "";
        if (resolvConf.Contains(ResolvConf.BlockStart, StringComparison.Ordinal))
        {
            return true;
        }

        // Listing nftables needs root; without it a table cannot have outlived its helper anyway
        // (a user cannot kill a root process), so resolv.conf is all there is to look at.
        return Environment.IsPrivilegedProcess && await TableExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> TableExistsAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("nft") { ArgumentList = { "list", "table", "ip", "telepath" }, RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var nft = Process.Start(start)!;
            var output = nft.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = nft.StandardError.ReadToEndAsync(cancellationToken);
            await nft.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(output, error).ConfigureAwait(false);
            return nft.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No nft on this machine: there cannot be a table of ours.
            return false;
        }
    }
}
