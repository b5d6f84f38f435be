using Telepath.Network.Testing.Workloads;

namespace Telepath.Network.Tests.Infrastructure;

/// <summary>The shop topology with the laptop's own resolver running and the laptop connected in namespace shop.</summary>
public sealed class ConnectedShopFixture : ResolvingShopFixture
{
    public LaptopCli Laptop { get; private set; } = null!;

    public LaptopSnapshot BeforeConnect { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Cluster is null)
        {
            return;
        }

        BeforeConnect = await LaptopSnapshot.TakeAsync(Topology);
        Laptop = new LaptopCli(Topology, Cluster.LaptopKubeconfig);
        await Laptop.MustRunAsync("connect", "-n", ShopWorkloads.Namespace);
    }

    public override async Task DisposeAsync()
    {
        if (Laptop is not null)
        {
            await Laptop.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
