using Telepath.EndToEnd.Tests.Cluster;

namespace Telepath.EndToEnd.Tests.Refusals;

/// <summary>Bad input is refused by the CLI with one line and exit code 2, and creates nothing.</summary>
[Collection(RefusalsCollection.Name)]
public sealed class InputRefusalTests(ClusterFixture cluster)
{
    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    public async Task A_bad_port_is_refused(string port)
    {
        var laptop = await cluster.SharedLaptopAsync();

        var result = await laptop.RunAsync("intercept", "orders", "--port", port);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"telepath: invalid port \"{port}\": expected a number from 1 to 65535\n", result.Stderr);
        await AssertNoInterceptsAsync(laptop);
    }

    [Theory]
    [InlineData("x=")]
    [InlineData("=v")]
    [InlineData("novalue")]
    public async Task A_bad_header_is_refused(string header)
    {
        var laptop = await cluster.SharedLaptopAsync();

        var result = await laptop.RunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", header);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"telepath: invalid --http-header \"{header}\": expected NAME=VALUE with a non-empty name and value, or auto\n", result.Stderr);
        await AssertNoInterceptsAsync(laptop);
    }

    [Fact]
    public async Task A_path_regex_that_does_not_compile_is_refused()
    {
        var laptop = await cluster.SharedLaptopAsync();

        var result = await laptop.RunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-path-regex", "(");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("telepath: invalid --http-path-regex \"(\": ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        await AssertNoInterceptsAsync(laptop);
    }

    private static async Task AssertNoInterceptsAsync(Laptops.Laptop laptop)
    {
        var status = await laptop.MustRunAsync("status");
        Assert.DoesNotContain("    orders: ", status.Stdout);
    }
}
