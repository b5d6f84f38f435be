using System.Text.Json;
using Telepath.EndToEnd.Tests.Cluster;

namespace Telepath.EndToEnd.Tests.Status;

/// <summary>What `status` and `list` report, for people and for scripts.</summary>
[Collection(RoutingCollection.Name)]
public sealed class StatusAndListTests(ClusterFixture cluster)
{
    [Fact]
    public async Task List_shows_the_workload_ready_and_then_intercepted()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        var before = await laptop.MustRunAsync("list");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        var after = await laptop.MustRunAsync("list");
        var json = await laptop.MustRunAsync("list", "--output", "json");

        Assert.Equal("orders : ready to intercept (traffic-agent already installed)\n", before.Stdout);
        Assert.Equal("orders : intercepted\n", after.Stdout);
        using var list = JsonDocument.Parse(json.Stdout);
        var workload = Assert.Single(list.RootElement.GetProperty("workloads").EnumerateArray());
        Assert.Equal("orders", workload.GetProperty("name").GetString());
        Assert.Equal("intercepted", workload.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Status_shows_the_manager_and_who_holds_each_intercept()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");

        var text = await laptop.MustRunAsync("status");
        var json = await laptop.MustRunAsync("status", "--output", "json");

        Assert.StartsWith("Daemon: Running\n  Version   : v0.1.0\nConnected\n", text.Stdout);
        Assert.Contains($"  Context   : direct ({cluster.ManagerAddress})\n", text.Stdout);
        Assert.Contains("  Namespace : default\n", text.Stdout);
        Assert.Contains("  Proxy     : OFF (", text.Stdout);
        Assert.EndsWith($"  Intercepts: 1 total\n    orders: {ClusterFixture.Holder}\n", text.Stdout);
        using var status = JsonDocument.Parse(json.Stdout);
        Assert.True(status.RootElement.GetProperty("connected").GetBoolean());
        var intercept = Assert.Single(status.RootElement.GetProperty("intercepts").EnumerateArray());
        Assert.Equal("orders", intercept.GetProperty("spec").GetProperty("name").GetString());
        Assert.Equal(ClusterFixture.Holder, intercept.GetProperty("clientName").GetString());
    }

    [Fact]
    public async Task Status_before_connect_says_the_daemon_is_not_running()
    {
        await using var laptop = cluster.NewLaptop("fresh");

        var result = await laptop.RunAsync("status");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Daemon: Not running\n", result.Stdout);
    }
}
