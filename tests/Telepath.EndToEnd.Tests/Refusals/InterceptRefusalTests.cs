using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Laptops;

namespace Telepath.EndToEnd.Tests.Refusals;

/// <summary>What the traffic manager refuses, as the user reads it, and that a refusal leaves nothing behind.</summary>
[Collection(RefusalsCollection.Name)]
public sealed class InterceptRefusalTests(ClusterFixture cluster)
{
    private static string Holder => ClusterFixture.Holder;

    [Fact]
    public async Task A_second_global_intercept_from_another_laptop_is_refused_naming_the_holder()
    {
        await using var alice = await cluster.ConnectedLaptopAsync("alice");
        await using var bob = await cluster.ConnectedLaptopAsync("bob");
        await alice.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");

        var result = await bob.RunAsync("intercept", "orders", "--name", "orders-bob", "--port", $"{cluster.Laptop2Port}");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"telepath: workload \"orders\" is already intercepted by {Holder} (intercept \"orders\", all TCP connections)", result.Stderr);
        Assert.Equal("", result.Stdout);
        await AssertStatusShowsOnlyAsync(bob, "orders");
    }

    [Fact]
    public async Task A_personal_intercept_over_a_global_one_is_refused_naming_the_holder()
    {
        await using var alice = await cluster.ConnectedLaptopAsync("alice");
        await using var bob = await cluster.ConnectedLaptopAsync("bob");
        await alice.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");

        var result = await bob.RunAsync("intercept", "orders", "--name", "orders-bob", "--port", $"{cluster.Laptop2Port}", "--http-header", "x-dev=bob");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"telepath: workload \"orders\" is already intercepted by {Holder} (intercept \"orders\", all TCP connections)", result.Stderr);
        await AssertStatusShowsOnlyAsync(bob, "orders");
    }

    [Fact]
    public async Task An_intercept_whose_name_is_in_use_is_refused_naming_the_holder()
    {
        await using var alice = await cluster.ConnectedLaptopAsync("alice");
        await using var bob = await cluster.ConnectedLaptopAsync("bob");
        await alice.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");

        var result = await bob.RunAsync("intercept", "orders", "--port", $"{cluster.Laptop2Port}", "--http-header", "x-dev=bob");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"telepath: an intercept named \"orders\" already exists (held by {Holder}); choose another with --name\n", result.Stderr);
        await AssertStatusShowsOnlyAsync(bob, "orders");
    }

    [Fact]
    public async Task An_intercept_of_an_unknown_workload_is_refused()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        var result = await laptop.RunAsync("intercept", "nosuch", "--port", $"{cluster.LaptopPort}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("telepath: workload \"nosuch\" is not known to the traffic manager: no traffic agent serves it (see \"telepath list\")\n", result.Stderr);
        await AssertStatusShowsOnlyAsync(laptop);
    }

    [Fact]
    public async Task Leave_of_an_unknown_name_is_refused()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        var result = await laptop.RunAsync("leave", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("telepath: no intercept named \"x\" on this laptop; \"telepath list\" shows intercepts\n", result.Stderr);
    }

    [Fact]
    public async Task Leave_of_another_laptops_intercept_is_refused_and_leaves_it_in_place()
    {
        await using var alice = await cluster.ConnectedLaptopAsync("alice");
        await using var bob = await cluster.ConnectedLaptopAsync("bob");
        await alice.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");

        var result = await bob.RunAsync("leave", "orders");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("telepath: ", result.Stderr);
        await AssertStatusShowsOnlyAsync(alice, "orders");
    }

    /// <summary>A refused intercept leaves nothing half-made: `status` lists exactly these intercepts.</summary>
    private static async Task AssertStatusShowsOnlyAsync(Laptop laptop, params string[] names)
    {
        var status = await laptop.MustRunAsync("status");
        Assert.Contains($"  Intercepts: {names.Length} total", status.Stdout);
        foreach (var name in names)
        {
            Assert.Contains($"    {name}: ", status.Stdout);
        }
    }
}
