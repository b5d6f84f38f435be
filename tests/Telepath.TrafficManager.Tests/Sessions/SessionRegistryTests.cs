using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Sessions;

namespace Telepath.TrafficManager.Tests.Sessions;

public class SessionRegistryTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_session_that_keeps_remaining_outlives_its_lease()
    {
        var time = new FakeTimeProvider();
        var registry = new SessionRegistry(time);
        var session = registry.ArriveClient("alice@laptop");

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            registry.Remain(session.Secret);
            Assert.Empty(registry.Expire(Lease));
        }

        Assert.True(registry.TryGet(session.Secret, out _));
    }

    [Fact]
    public void A_silent_session_is_gone_after_its_lease_and_its_departure_is_announced()
    {
        var time = new FakeTimeProvider();
        var registry = new SessionRegistry(time);
        var session = registry.ArriveClient("alice@laptop");
        var departed = new List<string>();
        registry.Departed += s => departed.Add(s.Id);

        time.Advance(TimeSpan.FromSeconds(14));
        Assert.Empty(registry.Expire(Lease));
        time.Advance(TimeSpan.FromSeconds(2));
        var expired = registry.Expire(Lease);

        Assert.Equal(session.Id, Assert.Single(expired).Id);
        Assert.Equal([session.Id], departed);
        var error = Assert.Throws<RpcException>(() => registry.Remain(session.Secret));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public void Agents_are_listed_with_their_session_ids_and_leave_the_list_when_they_depart()
    {
        var registry = new SessionRegistry(new FakeTimeProvider());
        var agent = registry.ArriveAgent(new AgentInfo { Workload = "orders", Namespace = "shop", PodName = "orders-1", WorkloadKind = "Deployment" });
        registry.ArriveClient("alice@laptop");

        var listed = Assert.Single(registry.Agents());
        Assert.Equal(agent.Id, listed.SessionId);
        Assert.Equal("orders", listed.Workload);

        registry.Depart(agent);
        Assert.Empty(registry.Agents());
    }
}
