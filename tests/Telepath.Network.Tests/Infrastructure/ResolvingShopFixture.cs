namespace Telepath.Network.Tests.Infrastructure;

/// <summary>The shop topology with the laptop's own DNS server answering at its resolv.conf's nameserver.</summary>
public class ResolvingShopFixture : ShopTopologyFixture
{
    private LaptopResolver? _resolver;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Cluster is not null)
        {
            _resolver = await LaptopResolver.StartAsync(Topology);
        }
    }

    public override async Task DisposeAsync()
    {
        if (_resolver is not null)
        {
            await _resolver.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
