using System.Security.Cryptography;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Outbound;

/// <summary>
/// Issue 11: 100 MB each way, checked by SHA-256, through the transparent outbound path (Proxy: ON:
/// the nftables redirect, the daemon's transparent proxy and an outbound tunnel), by curl in the
/// laptop's namespace. The download is compared with the same download made inside the cluster.
/// </summary>
public sealed class TransparentBulkTransferTests(ConnectedShopFixture shop) : IClassFixture<ConnectedShopFixture>, IDisposable
{
    private const long Size = 100L * 1024 * 1024;

    // A bound only, so that a hang fails: a loaded 2-core CI machine moves 100 MB in seconds.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tp-bulk-");

    [NetnsFact]
    public async Task Curl_downloads_and_uploads_100_MB_through_the_transparent_proxy_intact()
    {
        var upload = Path.Combine(_folder.FullName, "upload.bin");
        var throughTelepath = Path.Combine(_folder.FullName, "laptop.bin");
        var inCluster = Path.Combine(_folder.FullName, "cluster.bin");
        var uploadSha256 = await WriteRandomFileAsync(upload);

        var fetched = await CurlAsync(shop.Topology.Names.Laptop, "-o", throughTelepath, $"http://orders.shop/download?bytes={Size}");
        var sent = await CurlAsync(shop.Topology.Names.Laptop,
            "--data-binary", $"@{upload}", "-H", "content-type: application/octet-stream", "http://orders.shop/upload");
        var control = await CurlAsync(shop.Topology.Names.Cluster, "-o", inCluster, $"http://{shop.OrdersClusterIp}/download?bytes={Size}");

        Assert.True(fetched.ExitCode == 0, Explain(fetched));
        Assert.True(control.ExitCode == 0, control.ToString());
        Assert.Equal(Size, new FileInfo(throughTelepath).Length);
        Assert.Equal(await Sha256Async(inCluster), await Sha256Async(throughTelepath));
        Assert.True(sent.ExitCode == 0, Explain(sent));
        Assert.Equal($"{Size} {uploadSha256}", sent.Stdout);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static Task<ProcessResult> CurlAsync(string namespaceName, params string[] arguments) =>
        NetworkTopology.ExecAsync(namespaceName, ["curl", "-sS", "--max-time", $"{Bound.TotalSeconds:0}", .. arguments], timeout: Bound + TimeSpan.FromSeconds(30));

    private static async Task<string> WriteRandomFileAsync(string path)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.Create(path);
        var buffer = new byte[1024 * 1024];
        for (long left = Size; left > 0; left -= buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            sha256.AppendData(buffer);
            await file.WriteAsync(buffer);
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    private string Explain(ProcessResult result) => $"{result}\n--- daemon.log (tail) ---\n{shop.Laptop.DaemonLogTail()}";
}
