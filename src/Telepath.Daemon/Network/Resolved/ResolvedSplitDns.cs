using Tmds.DBus.Protocol;

namespace Telepath.Daemon.Network.Resolved;

/// <summary>
/// Split DNS through systemd-resolved, where it runs: the cluster's domains are set on a link of
/// Telepath's own, so resolved sends only them to Telepath's resolver and every other name goes where
/// it went before, without passing the daemon. /etc/resolv.conf is not touched.
/// </summary>
public sealed class ResolvedSplitDns(string? busAddress = null, string linkName = DnsLink.DefaultName)
{
    private DnsLink? _link;
    private ResolvedBus? _bus;

    /// <summary>How status names this way of wiring DNS.</summary>
    public string Description => $"systemd-resolved, link {linkName}";

    public bool Active => _link is not null;

    /// <returns>Null once resolved uses the plan's domains; else why it could not be used, with nothing left changed.</returns>
    public async Task<string?> ApplyAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            if (_bus is null)
            {
                var (bus, why) = await ResolvedBus.ConnectAsync(busAddress).ConfigureAwait(false);
                if (bus is null)
                {
                    return why;
                }

                _bus = bus;
            }

            _link ??= await DnsLink.CreateAsync(linkName, cancellationToken).ConfigureAwait(false);
            await _bus.SetLinkAsync(_link.Index, plan.DnsAddress, plan.RouteDomains, plan.SearchDomains).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or DBusExceptionBase or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            await RemoveAsync().ConfigureAwait(false);
            return e.Message;
        }
    }

    /// <summary>Reverts and removes the link; nothing to do when there is none.</summary>
    public async Task RemoveAsync()
    {
        if (_link is { } link && _bus is { } bus)
        {
            try
            {
                await bus.RevertLinkAsync(link.Index).ConfigureAwait(false);
            }
            catch (DBusExceptionBase)
            {
                // resolved went away or forgot the link; closing it below removes it either way.
            }
        }

        _link?.Dispose();
        _link = null;
        _bus?.Dispose();
        _bus = null;
    }
}
