using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Telepath.Protocol.Manager;
using Telepath.Tunnels.Links;

namespace Telepath.Tunnels.Tests.Links;

/// <summary>The Authorization header of gRPC calls and tunnels, as a manager on loopback receives it.</summary>
public sealed class ManagerLinkTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _received = new();
    private WebApplication _server = null!;

    private string Address => new Uri(_server.Urls.Single()).Authority;

    [Fact]
    public async Task Each_call_and_tunnel_carries_the_token_the_source_gives_at_that_moment()
    {
        var token = "first";
        using var link = ManagerLink.Create(Address, tokenSource: () => token);

        await CallAsync(link);
        token = "second";
        await TunnelAsync(link);
        await CallAsync(link);

        Assert.Equal(["Bearer first", "Bearer second", "Bearer second"], _received);
    }

    [Fact]
    public async Task Without_a_token_no_authorization_header_is_sent()
    {
        using var link = ManagerLink.Create(Address, token: null);

        await CallAsync(link);
        await TunnelAsync(link);

        Assert.Equal(["(none)", "(none)"], _received);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _server = builder.Build();
        _server.Run(context =>
        {
            _received.Enqueue(context.Request.Headers.Authorization is { Count: > 0 } value ? value.ToString() : "(none)");
            if (context.Request.ContentType == "application/grpc")
            {
                context.Response.ContentType = "application/grpc";
                context.Response.AppendTrailer("grpc-status", ((int)StatusCode.Unimplemented).ToString());
            }

            return Task.CompletedTask;
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task CallAsync(ManagerLink link)
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => new Manager.ManagerClient(link.Channel).ArriveAsClientAsync(new ClientArrival()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static async Task TunnelAsync(ManagerLink link)
    {
        await using var tunnel = link.Tunnels.Open("/tunnel", []);
        Assert.True((await tunnel.AnswerAsync()).Established);
    }
}
