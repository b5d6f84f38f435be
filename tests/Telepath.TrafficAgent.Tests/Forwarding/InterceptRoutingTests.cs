using System.Net;
using System.Net.WebSockets;
using System.Text;
using Telepath.Testing.Network;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Forwarding;

/// <summary>The agent against the real manager (in process) and a hand-driven laptop session.</summary>
public sealed class InterceptRoutingTests : IAsyncLifetime
{
    private AgentWithManager _world = null!;

    public async Task InitializeAsync() => _world = await AgentWithManager.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_personal_intercept_takes_only_matching_requests_of_one_keep_alive_connection()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        var connects = 0;
        using var client = new HttpClient(CountingHandler.Create(() => Interlocked.Increment(ref connects))) { BaseAddress = _world.Agent.BaseAddress };

        var servedBy = new List<string>();
        foreach (var user in new[] { "alice", "bob", "alice", "alice", "", "bob", "alice" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders?user={user}");
            if (user.Length > 0)
            {
                request.Headers.Add("x-user", user);
            }

            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            servedBy.Add(response.Headers.GetValues("x-served-by").Single());
        }

        Assert.Equal(["laptop", "app", "laptop", "laptop", "app", "app", "laptop"], servedBy);
        Assert.Equal(1, connects);
        Assert.Equal(1, laptop.DialsAnswered);
        Assert.Equal(4, _world.Agent.Counters[ForwardOutcome.Intercept]);
        Assert.Equal(3, _world.Agent.Counters[ForwardOutcome.App]);
    }

    [Fact]
    public async Task A_24_MB_upload_streams_through_a_tunnel()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };
        client.DefaultRequestHeaders.Add("x-user", "alice");
        var payload = new byte[24 * 1024 * 1024];
        Random.Shared.NextBytes(payload);

        using var response = await client.PostAsync("/digest", new ByteArrayContent(payload));

        response.EnsureSuccessStatusCode();
        Assert.Equal("laptop", response.Headers.GetValues("x-served-by").Single());
        Assert.Equal(payload.Length.ToString(), response.Headers.GetValues("x-request-content-length").Single());
        Assert.Equal(TestApp.Digest(payload), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Interleaved_h2c_streams_go_to_the_laptop_or_the_app_each_on_its_own()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/h2/{i}")
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Headers.Add("x-user", i % 2 == 0 ? "alice" : "bob");
            using var response = await client.SendAsync(request);
            return (i, servedBy: response.Headers.GetValues("x-served-by").Single(), protocol: response.Headers.GetValues("x-request-protocol").Single());
        }));

        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 ? "laptop" : "app", r.servedBy));
        Assert.All(results, r => Assert.Equal("HTTP/2", r.protocol));
    }

    [Fact]
    public async Task An_intercepted_h2c_response_keeps_its_trailers()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var client = new HttpClient
        {
            BaseAddress = _world.Agent.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        client.DefaultRequestHeaders.Add("x-user", "alice");

        using var response = await client.GetAsync("/trailers");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("body before trailers", body);
        Assert.Equal(["laptop"], response.TrailingHeaders.GetValues("x-served-by-trailer"));
    }

    [Fact]
    public async Task A_WebSocket_that_matches_a_personal_intercept_echoes_from_the_laptop()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("x-user", "alice");
        socket.Options.CollectHttpResponseDetails = true;

        await socket.ConnectAsync(new Uri($"ws://{_world.Agent.EndPoint}/ws"), CancellationToken.None);
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        Assert.Equal("ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
        Assert.Equal(["laptop"], socket.HttpResponseHeaders!["x-served-by"]);
    }

    [Fact]
    public async Task A_request_that_finds_nothing_listening_on_the_laptop_gets_a_502_naming_the_intercept_and_address()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        var nothing = new IPEndPoint(IPAddress.Loopback, Ports.Free());
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", nothing, ("x-user", "alice")));
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };
        client.DefaultRequestHeaders.Add("x-user", "alice");

        using var response = await client.GetAsync("/orders");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith(
            $"telepath: intercept \"orders-alice\" could not reach {nothing} on the laptop of alice@laptop: connection refused by {nothing}",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _world.Agent.Counters[ForwardOutcome.TargetUnreachable]);
    }

    [Fact]
    public async Task A_request_whose_laptop_does_not_answer_dials_is_served_by_the_app()
    {
        await using var laptop = await _world.ArriveLaptopAsync(offerStandbys: false);
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };
        client.DefaultRequestHeaders.Add("x-user", "alice");

        using var response = await client.PostAsync("/echo", new StringContent("keep this body"));

        response.EnsureSuccessStatusCode();
        Assert.Equal("app", response.Headers.GetValues("x-served-by").Single());
        Assert.Equal("keep this body", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _world.Agent.Counters[ForwardOutcome.FailedOpen]);
    }

    [Fact]
    public async Task Leaving_an_intercept_returns_its_requests_to_the_app()
    {
        await using var laptop = await _world.ArriveLaptopAsync();
        await _world.InterceptAsync(laptop, AgentWithManager.Spec("orders-alice", _world.LaptopApp.EndPoint, ("x-user", "alice")));
        using var client = new HttpClient { BaseAddress = _world.Agent.BaseAddress };
        client.DefaultRequestHeaders.Add("x-user", "alice");
        Assert.Equal("laptop", await AgentWithManager.ServedByAsync(client));

        await laptop.LeaveAsync("orders-alice");
        await _world.WaitForRoutesAsync(routes => routes.Routes.Count == 0);

        Assert.Equal("app", await AgentWithManager.ServedByAsync(client));
    }
}
