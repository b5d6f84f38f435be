using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Intercepts;

[Collection(RoutingCollection.Name)]
public sealed class PersonalInterceptTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_personal_intercept_with_the_auto_header_gets_only_the_requests_that_carry_it()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        var result = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");

        Assert.Contains("    Intercepting  : HTTP requests that match all of:\n", result.Stdout);
        var header = InterceptOutput.Header(result.Stdout);
        Assert.Equal("x-telepath-intercept-id", header.Name);
        Assert.Matches("^[0-9a-f-]{36}:orders$", header.Value);
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, header));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl, (header.Name, header.Value + "x")));
        var curl = await Tool.MustAsync(Tool.CurlAsync("-H", $"{header.Name}: {header.Value}", $"{cluster.ServiceUrl}/"));
        Assert.Equal("hello from laptop\n", curl.Stdout);
    }

    [Fact]
    public async Task A_personal_intercept_with_a_header_of_my_own_gets_only_matching_requests()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");

        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));
        Assert.Equal("laptop", await ServiceProbe.WhoAsync(cluster.ServiceUrl, ("X-Dev", "alice")));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "bob")));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice2")));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl));
    }

    [Fact]
    public async Task Requests_on_one_keep_alive_connection_are_each_routed_on_their_own()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));

        await using var connection = await KeepAliveConnection.OpenAsync(cluster.Service);
        var served = new List<string>();
        foreach (var alice in new[] { true, false, false, true, true, false, true })
        {
            var (status, body) = alice
                ? await connection.GetAsync("/whoami", ("x-dev", "alice"))
                : await connection.GetAsync("/whoami");
            Assert.Equal(200, status);
            served.Add(body);
        }

        Assert.Equal(["laptop", "cluster", "cluster", "laptop", "laptop", "cluster", "laptop"], served);
    }

    [Fact]
    public async Task Requests_on_one_pooled_HttpClient_connection_are_each_routed_on_their_own()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));
        using var client = ServiceProbe.NewClient(maxConnections: 1);

        var served = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{cluster.ServiceUrl}/whoami");
            if (i % 2 == 0)
            {
                request.Headers.Add("x-dev", "alice");
            }

            using var response = await client.SendAsync(request);
            served.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(["laptop", "cluster", "laptop", "cluster", "laptop", "cluster"], served);
    }

    [Theory]
    [InlineData("--http-path-prefix", "/who", "/whoami/x", "/slow?ms=0")]
    [InlineData("--http-path-equal", "/whoami", "/whoami", "/whoami/x")]
    [InlineData("--http-path-regex", "/who[a-z]+", "/whoami", "/whoami/x")]
    public async Task A_path_condition_takes_only_the_requests_whose_path_matches(string flag, string value, string matching, string notMatching)
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", flag, value);

        await Poll.UntilEqualAsync("laptop", async () => (await ServiceProbe.GetAsync(cluster.ServiceUrl + matching)).Body);
        var other = (await ServiceProbe.GetAsync(cluster.ServiceUrl + notMatching)).Body;
        Assert.True(other == "cluster", $"{notMatching} was answered \"{other}\"\n{cluster.Logs()}");
        Assert.Equal("hello from cluster", (await ServiceProbe.GetAsync(cluster.ServiceUrl + "/")).Body);
    }

    [Fact]
    public async Task A_path_condition_and_a_header_must_both_match()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");

        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice", "--http-path-prefix", "/who");

        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, ("x-dev", "alice")));
        Assert.Equal("cluster", await ServiceProbe.WhoAsync(cluster.ServiceUrl));
        Assert.Equal("hello from cluster", (await ServiceProbe.GetAsync(cluster.ServiceUrl + "/", ("x-dev", "alice"))).Body);
    }
}
