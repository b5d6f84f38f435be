using System.Security.Cryptography;
using System.Text;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Http;

namespace Telepath.EndToEnd.Tests.Intercepts;

/// <summary>
/// Clients that half-close after their requests (found on a real cluster: busybox nc, and a python socket
/// that calls shutdown(SHUT_WR) after sendall) through the real agent, manager and daemon processes: every
/// request is routed by its own headers and answered before the connection closes.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class HalfClosingClientTests(ClusterFixture cluster)
{
    private static readonly (string, string) Alice = ("x-dev", "alice");
    private const string Body = "a body of known length, then FIN";

    [ToolFact("python3:socket")]
    public Task A_python_socket_that_half_closes_after_sendall_is_routed_by_its_headers() =>
        AssertRoutedByTheirHeadersAsync(HalfClosingClient.Python);

    [ToolFact("busybox:nc")]
    public Task Busybox_nc_is_routed_by_its_headers() =>
        AssertRoutedByTheirHeadersAsync(HalfClosingClient.BusyboxNc);

    [ToolFact("nc:-N")]
    public Task Netcat_with_N_is_routed_by_its_headers() =>
        AssertRoutedByTheirHeadersAsync(HalfClosingClient.NetcatN);

    private async Task AssertRoutedByTheirHeadersAsync(HalfClosingClient client)
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "x-dev=alice");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, Alice));

        Assert.Equal(["laptop"], Bodies(await client.ExchangeAsync(cluster.Service, RawRequest.Build("GET", "/whoami", headers: Alice))));
        Assert.Equal(["cluster"], Bodies(await client.ExchangeAsync(cluster.Service, RawRequest.Build("GET", "/whoami"))));
        var upload = Assert.Single(await client.ExchangeAsync(cluster.Service, RawRequest.Build("POST", "/upload", Body, Alice)));
        Assert.Equal(("laptop", Digest(Body)), (upload.ServedBy, upload.Body));
        var keptAlive = await client.ExchangeAsync(
            cluster.Service,
            RawRequest.Build("GET", "/whoami/first", headers: Alice) + RawRequest.Build("GET", "/whoami/second"));
        Assert.Equal(["laptop", "cluster"], Bodies(keptAlive));

        await laptop.MustRunAsync("leave", "orders");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));

        Assert.Equal(["laptop"], Bodies(await client.ExchangeAsync(cluster.Service, RawRequest.Build("GET", "/whoami"))));
    }

    private static IEnumerable<string> Bodies(IReadOnlyList<RawResponse> responses) =>
        responses.Select(r => r.Status == 200 ? r.Body : $"{r.Status} {r.Body}");

    /// <summary>What the sample's /upload answers: the body's size and SHA-256.</summary>
    private static string Digest(string body) =>
        $"{Encoding.UTF8.GetByteCount(body)} {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
}
