using System.Net;
using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;

namespace Telepath.EndToEnd.Tests.DataPlane;

/// <summary>
/// docs/protocol.md, "Semantics": a half-close is passed on and the other direction goes on until it
/// half-closes too, whichever side half-closes first.
/// </summary>
[Collection(DataPlaneCollection.Name)]
public sealed class HalfCloseTests(ClusterFixture cluster)
{
    private const long Megabyte = 1024 * 1024;
    private const long Answer = 1024;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task When_the_laptop_app_half_closes_first_the_caller_still_sends_the_rest_through_a_global_intercept()
    {
        await using var server = ByteExchangeServer.Start(halfClosesFirst: true);
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{server.Port}");
        await Poll.UntilEqualAsync("laptop", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        // The control: straight to the laptop app, the caller sends its upload after the app's half-close.
        var direct = new ByteExchange(upload: Megabyte, download: Answer, uploadAfterDownload: true);
        var directResult = await direct.RunAsync(new IPEndPoint(IPAddress.Loopback, server.Port), Bound);
        var directReceipt = await server.ReceiptAsync(direct.Tag, Bound);
        Assert.True(directResult.Failure is null, $"{directResult}");
        Assert.Equal(Megabyte, directReceipt.Bytes);

        var exchange = new ByteExchange(upload: Megabyte, download: Answer, uploadAfterDownload: true);
        var result = await exchange.RunAsync(cluster.Service, Bound);
        var receipt = await server.ReceiptAsync(exchange.Tag, Bound);

        Assert.True(result.Failure is null && !result.TimedOut, $"{result}\n{receipt}\n{cluster.Logs()}");
        Assert.Equal(BulkBytes.Sha256(Answer), result.ReceivedSha256);
        Assert.Equal(new ExchangeReceipt(Megabyte, BulkBytes.Sha256(Megabyte), Failure: null), receipt);
    }
}
