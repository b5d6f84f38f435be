using Telepath.EndToEnd.Tests.Clients;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Laptops;
using Telepath.Testing.Polling;
using Xunit.Abstractions;

namespace Telepath.EndToEnd.Tests.DataPlane;

/// <summary>
/// Issue 11: a process of the data path dies while a large transfer crosses a global intercept. The
/// caller's connection must end (not hang), and the workload must serve its callers again.
/// </summary>
[Collection(DataPlaneCollection.Name)]
public sealed class MidTransferFailureTests(ClusterFixture cluster, ITestOutputHelper output)
{
    // Far more than either side can move before the kill: the transfer is always cut, never finished.
    private const long Gigabyte = 1024L * 1024 * 1024;

    // Bytes that must have crossed before the kill, so it falls mid-transfer.
    private const long UnderWay = 8L * 1024 * 1024;

    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task When_the_daemon_is_killed_mid_transfer_the_callers_connection_ends_and_the_app_serves_new_connections()
    {
        await using var server = ByteExchangeServer.Start();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{server.Port}");
        await Poll.UntilEqualAsync("laptop", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        var transfer = new ByteExchange(upload: Gigabyte, download: Gigabyte);
        var running = transfer.RunAsync(cluster.Service, Bound);
        await UnderWayAsync(transfer, running);

        await UnixSignal.KillAsync(laptop.DaemonPid);

        var result = await running;
        var receipt = await server.ReceiptAsync(transfer.Tag, Bound);
        output.WriteLine($"caller: {result}\nlaptop app: {receipt}");
        Assert.False(result.TimedOut, $"the caller's transfer hung after the daemon died: {result}\n{cluster.Logs()}");
        Assert.True(result.Received < Gigabyte && result.Sent < Gigabyte, $"the transfer was not cut: {result}");
        Assert.True(result.Failure is not null, $"the cut transfer ended without an error: {result}");
        Assert.True(receipt.Bytes < Gigabyte, $"the laptop app's end went on: {receipt}");
        await Poll.UntilEqualAsync("cluster", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        await Poll.UntilAsync(
            async () => (await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token)).Count == 0,
            () => "the manager drops the dead laptop's session and its intercept");
        Assert.Equal("cluster", await ByteExchange.WhoAnswersAsync(cluster.Service));
    }

    [Fact]
    public async Task When_the_manager_restarts_mid_transfer_the_transfer_ends_the_agent_fails_open_and_the_intercept_comes_back()
    {
        await using var server = ByteExchangeServer.Start();
        await using var laptop = await cluster.ConnectedLaptopAsync("alice");
        await laptop.MustRunAsync("intercept", "orders", "--port", $"{server.Port}");
        await Poll.UntilEqualAsync("laptop", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        var transfer = new ByteExchange(upload: Gigabyte, download: Gigabyte);
        var running = transfer.RunAsync(cluster.Service, Bound);
        await UnderWayAsync(transfer, running);

        await cluster.KillManagerAsync();
        try
        {
            var result = await running;
            output.WriteLine($"caller: {result}");
            Assert.False(result.TimedOut, $"the caller's transfer hung after the manager died: {result}\n{cluster.Logs()}");
            Assert.True(result.Received < Gigabyte && result.Sent < Gigabyte, $"the transfer was not cut: {result}");
            Assert.True(result.Failure is not null, $"the cut transfer ended without an error: {result}");
            // No manager, no laptop: the agent serves new connections from the app meanwhile.
            await Poll.UntilEqualAsync("cluster", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        }
        finally
        {
            await cluster.StartManagerAgainAsync();
        }

        // The agent and the daemon find the new manager by themselves; the daemon re-creates its intercept.
        await Poll.UntilEqualAsync("laptop", () => ByteExchange.WhoAnswersAsync(cluster.Service));
        Assert.Equal(["orders"], await ManagerProbe.InterceptNamesAsync(cluster.ManagerAddress, cluster.Token));
    }

    private async Task UnderWayAsync(ByteExchange transfer, Task<ExchangeResult> running)
    {
        await Poll.UntilAsync(
            () => Task.FromResult((transfer.Received >= UnderWay && transfer.Sent >= UnderWay) || running.IsCompleted),
            () => $"{UnderWay} bytes cross each way (sent {transfer.Sent}, received {transfer.Received})");
        Assert.False(running.IsCompleted, $"the transfer ended before anything was killed: {(running.IsCompleted ? running.Result : null)}\n{cluster.Logs()}");
    }
}
