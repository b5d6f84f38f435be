using System.Net;
using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Watching;

/// <summary>The agent's request events, through the real manager, for both HTTP paths (docs/protocol.md, "Request log").</summary>
public sealed class RequestLogTests : IAsyncLifetime
{
    private AgentWithManager _world = null!;

    public async Task InitializeAsync() => _world = await AgentWithManager.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData("1.1", "http/1.1")]
    [InlineData("2.0", "h2")]
    public async Task Each_request_is_an_event_naming_where_it_went_and_why(string version, string protocol)
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var watch = laptop.Manager.WatchRequests(new WatchRequestsRequest { SessionSecret = laptop.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        await _world.WaitForRoutesAsync(routes => routes.Watched);
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };

        await SendAsync(client, version, "/orders?user=alice", "alice");
        await SendAsync(client, version, "/orders?user=bob", "bob");
        var events = await ReadAsync(watch, 2);

        var toLaptop = events.Single(e => e.Path == "/orders?user=alice");
        Assert.Equal((protocol, "GET", "orders-alice", 200, ""), (toLaptop.Protocol, toLaptop.Method, toLaptop.InterceptName, toLaptop.Status, toLaptop.Reason));
        Assert.NotEqual("", toLaptop.Client);
        var toApp = events.Single(e => e.Path == "/orders?user=bob");
        Assert.Equal((protocol, "", "", 200, "header x-user did not match"), (toApp.Protocol, toApp.InterceptName, toApp.Client, toApp.Status, toApp.Reason));
        Assert.All(events, e => Assert.Equal("orders", e.Workload));
    }

    private static async Task SendAsync(HttpClient client, string version, string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = Version.Parse(version), VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Add("x-user", user);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<RequestEvent>> ReadAsync(AsyncServerStreamingCall<RequestEventBatch> watch, int count)
    {
        var events = new List<RequestEvent>();
        while (events.Count < count)
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the watch ended");
            events.AddRange(watch.ResponseStream.Current.Events);
        }

        return events;
    }
}
