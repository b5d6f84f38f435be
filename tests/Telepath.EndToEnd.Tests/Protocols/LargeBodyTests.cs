using System.Net;
using System.Security.Cryptography;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.Protocols;

[Collection(RoutingCollection.Name)]
public sealed class LargeBodyTests(ClusterFixture cluster) : IAsyncLifetime
{
    private static readonly byte[] s_body = SampleBodies.Bytes(SampleBodies.TwentyMegabytes);
    private static readonly string s_sha256 = SampleBodies.Sha256(s_body);
    private Laptop _laptop = null!;

    public async Task InitializeAsync()
    {
        _laptop = await cluster.ConnectedLaptopAsync("alice");
        await _laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}");
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl));
    }

    public async Task DisposeAsync() => await _laptop.DisposeAsync();

    [Fact]
    public async Task A_20_MB_upload_reaches_the_laptop_intact()
    {
        using var client = ServiceProbe.NewClient();

        using var response = await client.PostAsync($"{cluster.ServiceUrl}/upload", new ByteArrayContent(s_body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{s_body.Length} {s_sha256}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_20_MB_download_from_the_laptop_arrives_intact()
    {
        using var client = ServiceProbe.NewClient();

        var bytes = await client.GetByteArrayAsync($"{cluster.ServiceUrl}/download?bytes={SampleBodies.TwentyMegabytes}");

        Assert.Equal(s_body.Length, bytes.Length);
        Assert.Equal(s_sha256, SampleBodies.Sha256(bytes));
    }

    [ToolFact("curl")]
    public async Task A_20_MB_upload_and_download_with_curl_arrive_intact()
    {
        var file = Path.Combine(_laptop.Home, "body.bin");
        await File.WriteAllBytesAsync(file, s_body);
        var downloaded = Path.Combine(_laptop.Home, "downloaded.bin");

        var upload = await Tool.MustAsync(Tool.CurlAsync("--data-binary", $"@{file}", "-H", "content-type: application/octet-stream", $"{cluster.ServiceUrl}/upload"));
        await Tool.MustAsync(Tool.CurlAsync("-o", downloaded, $"{cluster.ServiceUrl}/download?bytes={SampleBodies.TwentyMegabytes}"));

        Assert.Equal($"{s_body.Length} {s_sha256}", upload.Stdout);
        Assert.Equal(s_sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(downloaded))));
    }
    [ToolFact("curl")]
    public async Task An_upload_that_expects_100_continue_gets_it_and_arrives_intact()
    {
        var file = Path.Combine(_laptop.Home, "continue.bin");
        await File.WriteAllBytesAsync(file, s_body);

        // A long expect timeout: without a real 100 Continue, curl would wait 30 s, not send anyway after 1 s.
        var upload = await Tool.MustAsync(Tool.CurlAsync(
            "-v", "--expect100-timeout", "30", "-H", "Expect: 100-continue", "--data-binary", $"@{file}", $"{cluster.ServiceUrl}/upload"));

        Assert.Contains("HTTP/1.1 100 Continue", upload.Stderr);
        Assert.Equal($"{s_body.Length} {s_sha256}", upload.Stdout);
    }
}
