using Microsoft.Extensions.Logging;
using Telepath.Daemon.Network.Resolved;

namespace Telepath.Daemon.Network;

/// <summary>
/// Everything the helper changes on the machine, applied and removed together: the nftables table, and
/// the resolver settings — split DNS through systemd-resolved where it is the laptop's resolver, else the
/// resolv.conf block.
/// </summary>
public sealed class NetworkSetup(NftablesTable table, ResolvConfFile resolvConf, ResolvedSplitDns? resolved, ILogger logger)
{
    public NetworkSetup(NftablesTable table, ResolvConfFile resolvConf, ILogger logger)
        : this(table, resolvConf, null, logger)
    {
    }

    public async Task<HelperReply> ApplyAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        var rules = await table.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
        if (!rules.Ok)
        {
            return rules;
        }

        var dns = await ApplyDnsAsync(plan, cancellationToken).ConfigureAwait(false);
        if (!dns.Ok)
        {
            // Half a setup is worse than none: the redirect without the resolver would surprise.
            await table.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
            return dns;
        }

        Log.Applied(logger, plan.ClusterRanges.Count, plan.NeverRanges.Count, plan.ProxyPort, plan.DnsPort);
        return dns;
    }

    private async Task<HelperReply> ApplyDnsAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        if (resolved is not null && (resolved.Active || resolvConf.PointsAtResolved()))
        {
            if (await resolved.ApplyAsync(plan, cancellationToken).ConfigureAwait(false) is not { } why)
            {
                Log.DnsWired(logger, resolved.Description);
                return new HelperReply(true, Dns: resolved.Description);
            }

            // The block works with resolved too: its stub stays among the nameservers, after ours.
            Log.ResolvedUnusable(logger, resolvConf.Path, why);
        }

        var block = await resolvConf.ApplyAsync(plan.DnsAddress, plan.SearchDomains, cancellationToken).ConfigureAwait(false);
        return block.Ok ? new HelperReply(true, Dns: resolvConf.Path) : block;
    }

    /// <summary>Removes the table and the resolver settings; any of them may already be gone.</summary>
    public async Task<HelperReply> RemoveAsync(CancellationToken cancellationToken)
    {
        var rules = await table.RemoveAsync(cancellationToken).ConfigureAwait(false);
        if (resolved is not null)
        {
            await resolved.RemoveAsync().ConfigureAwait(false);
        }

        var dns = await resolvConf.RemoveAsync(cancellationToken).ConfigureAwait(false);
        var reply = !rules.Ok ? rules : dns;
        if (reply.Ok)
        {
            Log.Removed(logger);
        }
        else
        {
            Log.RemoveFailed(logger, reply.Error ?? "");
        }

        return reply;
    }
}
