using Telepath.Core;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// Cleaning up after a crashed session: what a daemon and a helper that were killed outright leave
/// behind, Telepath's nftables table and its resolv.conf block. <c>telepath quit</c> calls it even when
/// nothing runs. The removing is the helper's (<c>cleanup</c>, so sudo when not root), and a helper is
/// started only when there is something to remove.
/// </summary>
public static class CrashLeftovers
{
    /// <param name="telepath">How to run <c>telepath network-helper</c>, should one be needed.</param>
    /// <param name="paths">The user's runtime folder, where that helper's socket goes.</param>
    /// <returns>Whether something was removed.</returns>
    /// <exception cref="UserErrorException">The helper could not be started or could not remove them.</exception>
    public static async Task<bool> RemoveAsync(NetworkHelperCommand telepath, DaemonPaths paths, CancellationToken cancellationToken)
    {
        if (!await ExistAsync(new ResolvConf(), new NftablesTable(), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Directory.CreateDirectory(paths.RuntimeDirectory);
        var helper = await NetworkHelperLauncher.StartAsync(telepath, paths.NetworkHelperSocket, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var client = await NetworkHelperClient.ConnectAsync(helper.SocketPath, cancellationToken).ConfigureAwait(false);
        var reply = await client.CleanupAsync(cancellationToken).ConfigureAwait(false);
        return reply.Ok ? true : throw new UserErrorException($"removing Telepath's leftover network settings failed: {reply.Error}");
    }

    internal static async Task<bool> ExistAsync(ResolvConf resolvConf, NftablesTable table, CancellationToken cancellationToken)
    {
        if (await resolvConf.HasBlockAsync(cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        // Listing nftables needs root; without it a table cannot have outlived its helper anyway
        // (a user cannot kill a root process), so resolv.conf is all there is to look at.
        return Environment.IsPrivilegedProcess && await table.ExistsAsync(cancellationToken).ConfigureAwait(false);
    }
}
