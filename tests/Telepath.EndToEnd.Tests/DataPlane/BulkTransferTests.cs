using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Network;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.DataPlane;

/// <summary>
/// Issue 11: 100 MB each way, checked by SHA-256, through every path of the data plane, by clients we
/// did not write where there is one (curl) and by plain sockets where the bytes are not HTTP.
/// </summary>
[Collection(DataPlaneCollection.Name)]
public sealed class BulkTransferTests(ClusterFixture cluster)
{
    private const long Size = BulkBytes.HundredMegabytes;


    // Bounds only, so that a hang fails: a loaded 2-core CI machine moves 100 MB in seconds, not minutes.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_global_intercept_carries_100_MB_each_way_at_once_over_plain_TCP_intact()
    {
        await using var server = ByteExchangeServer.Start();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{server.Port}");
        await Poll.UntilEqualAsync("laptop", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        var exchange = new ByteExchange(upload: Size, download: Size);

        var result = await exchange.RunAsync(cluster.Service, Bound);
        var receipt = await server.ReceiptAsync(exchange.Tag, Bound);

        Assert.True(result.Failure is null && !result.TimedOut, $"{result}\n{cluster.Logs()}\n--- daemon.log ---\n{laptop.DaemonLogTail()}");
        Assert.Equal(Size, result.Received);
        Assert.Equal(BulkBytes.Sha256(Size), result.ReceivedSha256);
        Assert.Equal(new ExchangeReceipt(Size, BulkBytes.Sha256(Size), Failure: null), receipt);
    }

    [ToolFact("curl")]
    public async Task A_personal_intercept_carries_a_100_MB_upload_and_a_100_MB_download_by_curl_intact()
    {
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        var intercept = await laptop.MustRunAsync("intercept", "orders", "--port", $"{cluster.LaptopPort}", "--http-header", "auto");
        var (name, value) = InterceptOutput.Header(intercept.Stdout);
        await Poll.UntilEqualAsync("laptop", () => ServiceProbe.WhoAsync(cluster.ServiceUrl, (name, value)));
        var upload = Path.Combine(laptop.Home, "upload.bin");
        var download = Path.Combine(laptop.Home, "download.bin");
        await BulkBytes.WriteFileAsync(upload, Size);
        var servedBefore = cluster.LaptopInFlight.Started;

        var sent = await Tool.CurlBoundedAsync(Bound,
            "--data-binary", $"@{upload}", "-H", "content-type: application/octet-stream", "-H", $"{name}: {value}", $"{cluster.ServiceUrl}/upload");
        var fetched = await Tool.CurlBoundedAsync(Bound, "-o", download, "-H", $"{name}: {value}", $"{cluster.ServiceUrl}/download?bytes={Size}");

        Assert.True(sent.ExitCode == 0, $"{sent}\n{cluster.Logs()}");
        Assert.Equal($"{Size} {BulkBytes.Sha256(Size)}", sent.Stdout);
        Assert.True(fetched.ExitCode == 0, $"{fetched}\n{cluster.Logs()}");
        Assert.Equal(BulkBytes.Sha256(Size), await BulkBytes.FileSha256Async(download));
        // Both apps answer these two paths alike: the laptop's count tells that both went to it.
        Assert.Equal(servedBefore + 2, cluster.LaptopInFlight.Started);
    }

    [ToolFact("curl")]
    public async Task The_SOCKS5_proxy_carries_a_100_MB_download_and_a_100_MB_upload_by_curl_intact()
    {
        var proxyPort = Ports.Free();
        var proxy = $"127.0.0.1:{proxyPort}";
        await using var laptop = cluster.NewLaptop("outbound");
        await laptop.ConnectWithProxyAsync(proxyPort);
        // `localhost` is resolved by the manager, as a cluster name would be, never by curl.
        var clusterUrl = $"http://localhost:{cluster.ClusterApp.Port}";
        var upload = Path.Combine(laptop.Home, "upload.bin");
        var download = Path.Combine(laptop.Home, "download.bin");
        await BulkBytes.WriteFileAsync(upload, Size);

        var fetched = await Tool.CurlBoundedAsync(Bound, "--socks5-hostname", proxy, "-o", download, $"{clusterUrl}/download?bytes={Size}");
        var sent = await Tool.CurlBoundedAsync(Bound,
            "--socks5-hostname", proxy, "--data-binary", $"@{upload}", "-H", "content-type: application/octet-stream", $"{clusterUrl}/upload");

        Assert.True(fetched.ExitCode == 0, $"{fetched}\n{cluster.Logs()}\n--- daemon.log ---\n{laptop.DaemonLogTail()}");
        Assert.Equal(BulkBytes.Sha256(Size), await BulkBytes.FileSha256Async(download));
        Assert.True(sent.ExitCode == 0, $"{sent}\n{cluster.Logs()}\n--- daemon.log ---\n{laptop.DaemonLogTail()}");
        Assert.Equal($"{Size} {BulkBytes.Sha256(Size)}", sent.Stdout);
    }
}
