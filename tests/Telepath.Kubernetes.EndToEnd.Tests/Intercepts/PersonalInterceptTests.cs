using System.Text.RegularExpressions;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Intercepts;

public sealed partial class PersonalInterceptTests
{
    [Fact]
    public async Task A_personal_intercept_takes_only_the_requests_with_its_header()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        await using var app = await LaptopApp.StartAsync();
        await laptop.MustRunAsync("connect");

        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", $"{app.Port}:web", "--service", "orders", "--http-header", "auto");
        var header = HeaderValue().Match(intercept.Stdout).Groups[1].Value.Replace("\\", "", StringComparison.Ordinal);
        var endpoint = await ClusterProbe.ServiceEndpointAsync(cluster.Client, "orders");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var marked = new HttpRequestMessage(HttpMethod.Get, $"http://{endpoint}/whoami/");
        marked.Headers.TryAddWithoutValidation("x-telepath-intercept-id", header);

        var withHeader = await (await http.SendAsync(marked)).Content.ReadAsStringAsync();
        var without = await http.GetStringAsync($"http://{endpoint}/whoami/");

        Assert.Contains("    Intercepting  : HTTP requests that match all of:\n", intercept.Stdout);
        Assert.Equal("laptop", withHeader);
        Assert.Equal("cluster", without);
    }

    [GeneratedRegex("regexp\\(\"([^\"]+)\"\\)")]
    private static partial Regex HeaderValue();
}
