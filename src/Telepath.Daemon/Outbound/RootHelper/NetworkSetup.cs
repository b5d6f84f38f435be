using Microsoft.Extensions.Logging;
using Telepath.Daemon.Outbound.RootHelper.Resolved;

namespace Telepath.Daemon.Outbound.RootHelper;

/// <summary>
/// Everything the helper changes on the machine, applied and removed together: the nftables table, the
/// resolver settings — split DNS through systemd-resolved where it is the laptop's resolver, else the
/// resolv.conf block — and the routes for redirected ranges no route covers, on Telepath's own link.
/// </summary>
public sealed class NetworkSetup
{
    private readonly NftablesTable _table;
    private readonly ResolvConf _resolvConf;
    private readonly OwnLink _link;
    private readonly ResolvedSplitDns? _resolved;
    private readonly OwnRoutes _routes;
    private readonly ILogger _logger;

    /// <param name="resolved">Null where systemd-resolved is never to be used.</param>
    public NetworkSetup(NftablesTable table, ResolvConf resolvConf, OwnLink link, ResolvedSplitDns? resolved, KernelRoutes routes, ILogger logger)
    {
        _table = table;
        _resolvConf = resolvConf;
        _link = link;
        _resolved = resolved;
        _routes = new OwnRoutes(link, routes, logger);
        _logger = logger;
    }

    /// <summary>The real machine's: nft, ip, /etc/resolv.conf, and systemd-resolved on the system bus where it runs.</summary>
    public static NetworkSetup ForThisMachine(ILogger logger)
    {
        var link = new OwnLink();
        return new NetworkSetup(new NftablesTable(), new ResolvConf(), link, new ResolvedSplitDns(link), new KernelRoutes(), logger);
    }

    public async Task<HelperReply> ApplyAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        var resolverUserId = UsesResolved ? await _resolved.UserIdAsync().ConfigureAwait(false) : null;
        var rules = await _table.ApplyAsync(plan, resolverUserId, cancellationToken).ConfigureAwait(false);
        if (!rules.Ok)
        {
            return rules;
        }

        // Half a setup is worse than none: the redirect without the resolver, or without the routes it needs, would surprise.
        var dns = await ApplyDnsAsync(plan, cancellationToken).ConfigureAwait(false);
        if (!dns.Ok)
        {
            await RemoveAsync(CancellationToken.None).ConfigureAwait(false);
            return dns;
        }

        IReadOnlyList<OwnRoute> routes;
        try
        {
            routes = await _routes.ApplyAsync(plan.ClusterRanges, plan.NeverRanges, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await RemoveAsync(CancellationToken.None).ConfigureAwait(false);
            return HelperReply.Failed(e.Message);
        }

        if (!_routes.Any && !(_resolved?.Active ?? false))
        {
            _link.Close();
        }

        Log.Applied(_logger, plan.UserId, plan.ClusterRanges.Count, plan.NeverRanges.Count, plan.ProxyPort, plan.DnsPort);
        return dns with { Routes = routes.Count > 0 ? routes : null };
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(_resolved))]
    private bool UsesResolved => _resolved is not null && (_resolved.Active || _resolvConf.PointsAtResolved());

    private async Task<HelperReply> ApplyDnsAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        if (UsesResolved)
        {
            if (await _resolved.ApplyAsync(plan, cancellationToken).ConfigureAwait(false) is not { } why)
            {
                Log.DnsWired(_logger, _resolved.Description);
                return new HelperReply(true, Dns: _resolved.Description);
            }

            // The block works with resolved too: its stub stays among the nameservers, after ours.
            Log.ResolvedUnusable(_logger, _resolvConf.Path, why);
        }

        var block = await ChangeResolvConfAsync(() => _resolvConf.ApplyAsync(plan.DnsAddress, plan.SearchDomains, cancellationToken)).ConfigureAwait(false);
        return block.Ok ? new HelperReply(true, Dns: _resolvConf.Path) : block;
    }

    /// <summary>Removes the table, the resolver settings, and the link with its routes; any of them may already be gone.</summary>
    public async Task<HelperReply> RemoveAsync(CancellationToken cancellationToken)
    {
        var rules = await _table.RemoveAsync(cancellationToken).ConfigureAwait(false);
        if (_resolved is not null)
        {
            await _resolved.RemoveAsync().ConfigureAwait(false);
        }

        _routes.Forget();
        _link.Close();
        var dns = await ChangeResolvConfAsync(() => _resolvConf.RemoveAsync(cancellationToken)).ConfigureAwait(false);
        var reply = !rules.Ok ? rules : dns;
        if (reply.Ok)
        {
            Log.Removed(_logger);
        }
        else
        {
            Log.RemoveFailed(_logger, reply.Error ?? "");
        }

        return reply;
    }

    private async Task<HelperReply> ChangeResolvConfAsync(Func<Task> change)
    {
        try
        {
            await change().ConfigureAwait(false);
            return HelperReply.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HelperReply.Failed($"cannot change {_resolvConf.Path}: {e.Message}");
        }
    }
}
