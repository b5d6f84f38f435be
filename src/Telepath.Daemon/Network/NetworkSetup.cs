using Microsoft.Extensions.Logging;

namespace Telepath.Daemon.Network;

/// <summary>Everything the helper changes on the machine: the nftables table and the resolv.conf block, applied and removed together.</summary>
public sealed class NetworkSetup(NftablesTable table, ResolvConfFile resolvConf, ILogger logger)
{
    public async Task<HelperReply> ApplyAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        var rules = await table.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
        if (!rules.Ok)
        {
            return rules;
        }

        if (resolvConf.PointsAtResolvedStub())
        {
            // Not supported yet: split DNS through systemd-resolved's D-Bus API (SetLinkDNS, SetLinkDomains).
            // The block works with resolved too: its stub stays among the nameservers, after ours.
            Log.ResolvedNotSupported(logger, resolvConf.Path);
        }

        var dns = await resolvConf.ApplyAsync(plan.DnsAddress, plan.SearchDomains, cancellationToken).ConfigureAwait(false);
        if (!dns.Ok)
        {
            // Half a setup is worse than none: the redirect without the resolver would surprise.
            await table.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
            return dns;
        }

        Log.Applied(logger, plan.ClusterRanges.Count, plan.NeverRanges.Count, plan.ProxyPort, plan.DnsPort);
        return HelperReply.Done;
    }

    /// <summary>Removes the table and the block; either may already be gone.</summary>
    public async Task<HelperReply> RemoveAsync(CancellationToken cancellationToken)
    {
        var rules = await table.RemoveAsync(cancellationToken).ConfigureAwait(false);
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
