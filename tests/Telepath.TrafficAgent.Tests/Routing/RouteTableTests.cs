using Microsoft.Extensions.Logging.Abstractions;
using Telepath.TrafficAgent.Routing;
using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Routing;

public sealed class RouteTableTests
{
    [Fact]
    public void Until_the_first_snapshot_there_are_no_routes()
    {
        var table = new RouteTable(NullLogger<RouteTable>.Instance);

        Assert.Empty(table.Current.Routes);
        Assert.Null(table.Current.Global);
    }

    [Fact]
    public void An_update_swaps_the_whole_snapshot_and_signals_the_change()
    {
        var table = new RouteTable(NullLogger<RouteTable>.Instance);
        var before = table.Current;
        var token = table.ChangeToken;

        var next = Compile(Intercept("orders"));
        table.Update(next);

        Assert.True(token.HasChanged);
        Assert.Same(next, table.Current);
        Assert.Empty(before.Routes);
        Assert.False(table.ChangeToken.HasChanged);
    }

    [Fact]
    public void Clearing_fails_open_to_no_routes()
    {
        var table = new RouteTable(NullLogger<RouteTable>.Instance);
        table.Update(Compile(Intercept("orders")));

        table.Clear();

        Assert.Null(table.Current.Global);
        Assert.Empty(table.Current.Routes);
    }
}
