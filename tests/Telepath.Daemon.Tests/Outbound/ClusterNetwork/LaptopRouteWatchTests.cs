using Telepath.Daemon.Outbound.ClusterNetwork;
using Telepath.Daemon.Outbound.RootHelper;

namespace Telepath.Daemon.Tests.Outbound.ClusterNetwork;

public sealed class LaptopRouteWatchTests : IDisposable
{
    // /proc/net/route as the kernel writes it: a laptop on Wi-Fi (default route and its LAN), then the same
    // laptop with Telepath's route for 10.96.0.0/12, then offline (the Wi-Fi's routes gone).
    private const string Header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
    private const string Default = "wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n";
    private const string Lan = "wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n";
    private const string Own = "telepath0\t0000600A\t00000000\t0001\t0\t0\t0\t0000F0FF\t0\t0\t0\n";

    private readonly string _table = Path.GetTempFileName();

    [Fact]
    public async Task Nothing_is_a_change_before_the_rules_were_applied()
    {
        await WriteAsync(Default, Lan);

        Assert.False(await new LaptopRouteWatch(_table).ChangedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_route_the_helper_said_it_added_is_not_a_change()
    {
        var watch = new LaptopRouteWatch(_table);
        await WriteAsync(Lan);
        watch.Saw(ProcNetRoute.Parse(Header + Lan), [new OwnRoute("10.96.0.0/12", TelepathLink.DefaultName, "no route covered 10.96.0.0/12")]);

        await WriteAsync(Lan, Own);

        Assert.False(await watch.ChangedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_default_route_going_is_a_change()
    {
        var watch = new LaptopRouteWatch(_table);
        watch.Saw(ProcNetRoute.Parse(Header + Default + Lan), []);

        await WriteAsync(Lan);

        Assert.True(await watch.ChangedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Telepaths_route_deleted_by_another_program_is_a_change()
    {
        var watch = new LaptopRouteWatch(_table);
        watch.Saw(ProcNetRoute.Parse(Header + Lan), [new OwnRoute("10.96.0.0/12", TelepathLink.DefaultName, "no route covered 10.96.0.0/12")]);

        await WriteAsync(Lan);

        Assert.True(await watch.ChangedAsync(CancellationToken.None));
    }

    public void Dispose() => File.Delete(_table);

    private Task WriteAsync(params string[] routes) => File.WriteAllTextAsync(_table, Header + string.Concat(routes));
}
