using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Protocol.Manager;
using Telepath.Testing.Network;
using Telepath.TrafficAgent.Forwarding;
using Telepath.TrafficAgent.Routing;
using Telepath.TrafficAgent.Sessions;
using Telepath.TrafficAgent.Tests.Infrastructure;
using Telepath.TrafficAgent.Tunnels;
using Telepath.Tunnels.Links;
using static Telepath.TrafficAgent.Tests.Infrastructure.TestIntercepts;

namespace Telepath.TrafficAgent.Tests.Forwarding;

public sealed class InterceptClientsTests : IDisposable
{
    private readonly ManagerLink _link = ManagerLink.Create(Ports.ClosedAddress(), "token");
    private readonly RouteTable _routes = new(NullLogger<RouteTable>.Instance);
    private readonly InterceptClients _clients;

    public InterceptClientsTests()
    {
        var dialer = new TunnelDialer(_link.Tunnels, new AgentSession(), NullLogger<TunnelDialer>.Instance);
        _clients = new InterceptClients(_routes, dialer);
    }

    public void Dispose()
    {
        _clients.Dispose();
        _link.Dispose();
    }

    [Fact]
    public void Requests_of_one_intercept_share_one_client_so_tunnels_are_pooled()
    {
        var snapshot = Compile(Intercept("orders", pathPrefix: "/"));
        _routes.Update(snapshot);
        var route = snapshot.Routes[0];

        using var first = _clients.Acquire(route);
        using var second = _clients.Acquire(route);

        Assert.Same(first.Invoker, second.Invoker);
    }

    [Fact]
    public async Task Leave_lets_in_flight_requests_finish()
    {
        var snapshot = Compile(Intercept("orders", pathPrefix: "/"));
        _routes.Update(snapshot);
        var lease = _clients.Acquire(snapshot.Routes[0]);

        _routes.Update(Compile());

        Assert.Equal(0, _clients.Count);
        Assert.True(await IsUsableAsync(lease.Invoker));
        lease.Dispose();
        Assert.False(await IsUsableAsync(lease.Invoker));
    }

    [Fact]
    public async Task A_client_with_nothing_in_flight_is_disposed_when_its_intercept_leaves()
    {
        var snapshot = Compile(Intercept("orders", pathPrefix: "/"));
        _routes.Update(snapshot);
        HttpMessageInvoker invoker;
        using (var lease = _clients.Acquire(snapshot.Routes[0]))
        {
            invoker = lease.Invoker;
        }

        Assert.True(await IsUsableAsync(invoker));
        _routes.Update(Compile());

        Assert.False(await IsUsableAsync(invoker));
    }

    [Fact]
    public async Task A_request_matched_just_before_its_intercept_left_still_completes_and_leaves_nothing_behind()
    {
        var snapshot = Compile(Intercept("orders", pathPrefix: "/"));
        _routes.Update(Compile());

        var lease = _clients.Acquire(snapshot.Routes[0]);

        Assert.Equal(0, _clients.Count);
        Assert.True(await IsUsableAsync(lease.Invoker));
        lease.Dispose();
        Assert.False(await IsUsableAsync(lease.Invoker));
    }

    /// <summary>
    /// A live client tries to open a tunnel (and, with no manager session, fails to); a disposed one refuses at once.
    /// </summary>
    private static async Task<bool> IsUsableAsync(HttpMessageInvoker invoker)
    {
        try
        {
            using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:8080/"), CancellationToken.None);
            return true;
        }
        catch (HttpRequestException e)
        {
            Assert.Equal(TunnelDialOutcome.ManagerUnreachable, TunnelDialException.FindIn(e)?.Outcome);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
