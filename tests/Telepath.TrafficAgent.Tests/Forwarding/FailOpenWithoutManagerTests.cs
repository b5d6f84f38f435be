using System.Net;
using System.Net.WebSockets;
using System.Text;
using Telepath.Testing.Network;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Tests.Infrastructure;

namespace Telepath.TrafficAgent.Tests.Forwarding;

/// <summary>With no manager to be found, the agent must be invisible: everything reaches the app.</summary>
public sealed class FailOpenWithoutManagerTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private TestAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _agent = await TestAgent.StartAsync(_app.EndPoint);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Keep_alive_GETs_on_one_connection_all_reach_the_app()
    {
        var connects = 0;
        using var client = new HttpClient(CountingHandler.Create(() => Interlocked.Increment(ref connects))) { BaseAddress = _agent.BaseAddress };

        for (var i = 0; i < 5; i++)
        {
            var body = await client.GetStringAsync($"/orders/{i}");
            Assert.Equal($"app: GET /orders/{i}", body);
        }

        Assert.Equal(1, connects);
        Assert.Equal(5, _agent.Counters[ForwardOutcome.App]);
    }

    [Fact]
    public async Task A_chunked_24_MB_POST_body_streams_through_to_the_app()
    {
        using var client = new HttpClient { BaseAddress = _agent.BaseAddress };
        var payload = new byte[24 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/digest") { Content = new StreamContent(new MemoryStream(payload)) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal(TestApp.Digest(payload), await response.Content.ReadAsStringAsync());
        Assert.Equal("chunked", Header(response, "x-request-transfer-encoding"));
        Assert.Equal("HTTP/1.1", Header(response, "x-request-protocol"));
    }

    [Fact]
    public async Task An_h2c_request_reaches_the_app_as_HTTP2()
    {
        using var client = new HttpClient
        {
            BaseAddress = _agent.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.GetAsync("/h2");

        response.EnsureSuccessStatusCode();
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("HTTP/2", Header(response, "x-request-protocol"));
        Assert.Equal("app: GET /h2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trailers_of_an_h2c_response_reach_the_client_as_gRPC_needs()
    {
        using var client = new HttpClient
        {
            BaseAddress = _agent.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.GetAsync("/trailers");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("body before trailers", body);
        Assert.Equal(["app"], response.TrailingHeaders.GetValues("x-served-by-trailer"));
    }

    [Fact]
    public async Task Concurrent_h2c_streams_on_one_connection_all_reach_the_app()
    {
        using var client = new HttpClient
        {
            BaseAddress = _agent.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var bodies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.GetStringAsync($"/stream/{i}")));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"app: GET /stream/{i}"), bodies);
    }

    [Fact]
    public async Task A_WebSocket_upgrade_echoes_through_to_the_app()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_agent.EndPoint}/ws"), CancellationToken.None);

        var message = Encoding.UTF8.GetBytes("hello over a websocket");
        await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        Assert.Equal("hello over a websocket", Encoding.UTF8.GetString(buffer, 0, received.Count));
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task A_request_the_app_cannot_take_gets_a_502_naming_the_app()
    {
        var downApp = new IPEndPoint(IPAddress.Loopback, Ports.Free());
        await using var agent = await TestAgent.StartAsync(downApp);
        using var client = new HttpClient { BaseAddress = agent.BaseAddress };

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.StartsWith($"telepath: the app at {downApp} failed:", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, agent.Counters[ForwardOutcome.AppFailed]);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
