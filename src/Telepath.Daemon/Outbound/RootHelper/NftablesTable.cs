namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>Telepath's table in the kernel's ruleset, changed through the real `nft` binary, one transaction a change.</summary>
public sealed class NftablesTable(SystemTool nft)
{
    public NftablesTable()
        : this(SystemTool.Find("nft"))
    {
    }

    /// <param name="resolverUserId">systemd-resolved's user, whose DNS queries are redirected too; see <see cref="NftablesRuleset.Apply"/>.</param>
    public Task<HelperReply> ApplyAsync(NetworkPlan plan, uint? resolverUserId, CancellationToken cancellationToken) =>
        RunAsync(NftablesRuleset.Apply(plan, resolverUserId), cancellationToken);

    /// <summary>Deletes the table if there is one.</summary>
    public Task<HelperReply> RemoveAsync(CancellationToken cancellationToken) =>
        RunAsync(NftablesRuleset.Remove(), cancellationToken);

    /// <summary>Whether the table is in the ruleset (listing it needs root); where nft is not installed there is none.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (exitCode, _, error) = await nft.RunWithOutputAsync(["list", "table", "ip", NftablesRuleset.TableName], cancellationToken).ConfigureAwait(false);

            // nft's "no such table" means there is none, and without the right to list (a container
            // without CAP_NET_ADMIN) there cannot be one of ours; any other failure (a busy netlink
            // socket, say) may hide a leftover table, and removing one that is not there costs nothing.
            return exitCode == 0
                || !(error.Contains("No such file or directory", StringComparison.Ordinal) || error.Contains("Operation not permitted", StringComparison.Ordinal));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private async Task<HelperReply> RunAsync(string script, CancellationToken cancellationToken)
    {
        int exitCode;
        string error;
        try
        {
            (exitCode, error) = await nft.RunAsync(["-f", "-"], script, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return HelperReply.Failed($"cannot run {nft.Path}: {e.Message}; install nftables (apt-get install nftables)");
        }

        return exitCode == 0
            ? HelperReply.Done
            : HelperReply.Failed($"nft failed (exit {exitCode}): {FirstLine(error)}");
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
