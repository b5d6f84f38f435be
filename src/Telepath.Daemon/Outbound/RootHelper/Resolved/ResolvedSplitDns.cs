using Tmds.DBus.Protocol;

namespace Telepath.Daemon.Outbound.RootHelper.Resolved;

/// <summary>
/// Split DNS through systemd-resolved, where it runs: the cluster's domains are set on a link of
/// Telepath's own, so resolved sends only them to Telepath's resolver and every other name goes where
/// it went before, without passing the daemon. /etc/resolv.conf is not touched. The link is shared with
/// the routes; whoever holds <paramref name="link"/> closes it.
/// </summary>
public sealed class ResolvedSplitDns(OwnLink link, string? busAddress = null)
{
    private TelepathLink? _configured;
    private ResolvedBus? _bus;
    private string? _whyNoBus;

    /// <summary>How status names this way of wiring DNS.</summary>
    public string Description => $"systemd-resolved, link {link.Name}";

    public bool Active => _configured is not null;

    /// <summary>The user resolved runs as, whose queries the rules must redirect; null when resolved cannot be reached.</summary>
    public async Task<uint?> UserIdAsync()
    {
        try
        {
            return await ConnectAsync().ConfigureAwait(false) is { } bus ? await bus.UserIdAsync().ConfigureAwait(false) : null;
        }
        catch (Exception e) when (e is DBusExceptionBase or IOException)
        {
            return null;
        }
    }

    /// <returns>Null once resolved uses the plan's domains; else why it could not be used, with nothing left changed.</returns>
    public async Task<string?> ApplyAsync(NetworkPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            if (await ConnectAsync().ConfigureAwait(false) is not { } bus)
            {
                return _whyNoBus;
            }

            // Noted before the calls, so a failure half-way reverts what the first calls set.
            _configured = await link.EnsureAsync(cancellationToken).ConfigureAwait(false);
            await bus.SetLinkAsync(_configured.Index, plan.DnsAddress, plan.RouteDomains, plan.SearchDomains).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or DBusExceptionBase or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            await RemoveAsync().ConfigureAwait(false);
            return e.Message;
        }
    }

    private async Task<ResolvedBus?> ConnectAsync()
    {
        if (_bus is null)
        {
            (_bus, _whyNoBus) = await ResolvedBus.ConnectAsync(busAddress).ConfigureAwait(false);
        }

        return _bus;
    }

    /// <summary>Reverts the link's DNS settings; nothing to do when there are none.</summary>
    public async Task RemoveAsync()
    {
        if (_configured is { } configured && _bus is { } bus && ReferenceEquals(configured, link.Current))
        {
            try
            {
                await bus.RevertLinkAsync(configured.Index).ConfigureAwait(false);
            }
            catch (DBusExceptionBase)
            {
                // resolved went away or forgot the link; closing the link removes its settings either way.
            }
        }

        _configured = null;
        _bus?.Dispose();
        _bus = null;
    }
}
