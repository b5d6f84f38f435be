namespace Telepath.Network.Tests.Infrastructure;

/// <summary>
/// The shop topology on a laptop whose resolver is the real systemd-resolved, as on most Linux desktops:
/// resolv.conf names only its stub, and resolved's own upstream is the laptop's resolver.
/// </summary>
public sealed class ResolvedShopFixture : ResolvingShopFixture
{
    /// <summary>What resolved writes as its stub-resolv.conf.</summary>
    public const string StubResolvConf = "# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";

    private SystemdResolved? _resolved;

    public SystemdResolved Resolved => _resolved ?? throw new InvalidOperationException("systemd-resolved did not start");

    /// <summary>What the CLI needs to find resolved's bus (a private one here; the system bus on a laptop).</summary>
    public IReadOnlyDictionary<string, string?> BusEnvironment => new Dictionary<string, string?> { ["DBUS_SYSTEM_BUS_ADDRESS"] = Resolved.BusAddress };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Cluster is null || SystemdResolved.Unavailable is not null)
        {
            return;
        }

        await File.WriteAllTextAsync(Topology.ResolvConfPath, StubResolvConf);
        _resolved = await SystemdResolved.StartAsync(Topology.Names.Laptop, Topology.LaptopAddress);
    }

    public override async Task DisposeAsync()
    {
        if (_resolved is not null)
        {
            await _resolved.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
