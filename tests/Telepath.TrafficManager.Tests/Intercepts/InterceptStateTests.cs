using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Sessions;

namespace Telepath.TrafficManager.Tests.Intercepts;

/// <summary>ACTIVE means every present agent of the workload has reported routing by the intercept.</summary>
public class InterceptStateTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new();
    private readonly SessionRegistry _sessions;
    private readonly InterceptTable _table;
    private readonly Session _alice;
    private readonly Session _orders1;

    public InterceptStateTests()
    {
        _sessions = new SessionRegistry(_time);
        _table = new InterceptTable(_sessions);
        _orders1 = ArriveAgent("orders", "orders-7d9f-x1");
        _alice = _sessions.ArriveClient("alice@laptop");
    }

    [Fact]
    public void An_agent_that_has_not_reported_keeps_the_intercept_waiting_with_the_reason()
    {
        var created = _table.Create(_alice, Spec("orders"), "");

        var seen = Intercept("orders");

        Assert.Equal(InterceptState.Waiting, created.State);
        Assert.Equal(InterceptState.Waiting, seen.State);
        Assert.Equal("waiting for 1 of 1 traffic agent of orders to apply it (pod orders-7d9f-x1)", seen.StateReason);
    }

    [Fact]
    public void The_agents_report_makes_the_intercept_active_and_wakes_the_watches()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        var changed = _table.Changed.Next;

        _table.RecordApplied(_orders1, [created.Id]);

        Assert.True(changed.IsCompleted);
        var seen = Intercept("orders");
        Assert.Equal(InterceptState.Active, seen.State);
        Assert.Equal("", seen.StateReason);
        Assert.True(_table.TryGetById(created.Id, out var byId));
        Assert.Equal(InterceptState.Active, byId.State);
    }

    [Fact]
    public void A_second_agent_of_the_workload_makes_it_wait_until_that_agent_reports_too()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        _table.RecordApplied(_orders1, [created.Id]);

        var orders2 = ArriveAgent("orders", "orders-7d9f-x2");

        var waiting = Intercept("orders");
        Assert.Equal(InterceptState.Waiting, waiting.State);
        Assert.Equal("waiting for 1 of 2 traffic agents of orders to apply it (pod orders-7d9f-x2)", waiting.StateReason);

        _table.RecordApplied(orders2, [created.Id]);

        Assert.Equal(InterceptState.Active, Intercept("orders").State);
    }

    [Fact]
    public void An_agent_cannot_report_another_workloads_intercept()
    {
        var billing = ArriveAgent("billing", "billing-0");
        var created = _table.Create(_alice, Spec("orders"), "");
        var changed = _table.Changed.Next;

        _table.RecordApplied(billing, [created.Id]);

        Assert.False(changed.IsCompleted);
        Assert.Equal(InterceptState.Waiting, Intercept("orders").State);
    }

    [Fact]
    public void Only_an_agent_may_report_the_routes_it_applies()
    {
        var created = _table.Create(_alice, Spec("orders"), "");

        var error = Assert.Throws<RpcException>(() => _table.RecordApplied(_alice, [created.Id]));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(InterceptState.Waiting, Intercept("orders").State);
    }

    [Fact]
    public void A_report_without_the_intercept_takes_it_back_to_waiting()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        _table.RecordApplied(_orders1, [created.Id]);

        _table.RecordApplied(_orders1, []);

        Assert.Equal(InterceptState.Waiting, Intercept("orders").State);
    }

    [Fact]
    public void A_report_that_changes_nothing_wakes_no_watch()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        _table.RecordApplied(_orders1, [created.Id]);
        var changed = _table.Changed.Next;

        _table.RecordApplied(_orders1, [created.Id]);

        Assert.False(changed.IsCompleted);
    }

    [Fact]
    public void When_a_silent_agents_lease_ends_the_intercept_is_active_by_the_agents_that_applied_it()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        _table.RecordApplied(_orders1, [created.Id]);
        ArriveAgent("orders", "orders-7d9f-x2");
        _time.Advance(TimeSpan.FromSeconds(10));
        _sessions.Remain(_orders1.Secret);
        _sessions.Remain(_alice.Secret);
        var changed = _table.Changed.Next;

        _time.Advance(TimeSpan.FromSeconds(6));
        _sessions.Expire(Lease);

        Assert.True(changed.IsCompleted);
        Assert.Equal(InterceptState.Active, Intercept("orders").State);
    }

    [Fact]
    public void When_the_last_agent_departs_the_intercept_waits_for_one()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        _table.RecordApplied(_orders1, [created.Id]);
        var changed = _table.Changed.Next;

        _sessions.Depart(_orders1);

        Assert.True(changed.IsCompleted);
        var seen = Intercept("orders");
        Assert.Equal(InterceptState.Waiting, seen.State);
        Assert.Equal("no traffic agent of orders is present", seen.StateReason);
    }

    [Fact]
    public void An_intercept_re_created_with_its_id_is_applied_where_the_agent_never_stopped_routing_by_it()
    {
        // The laptop's lease ran out and it re-created its intercept before the agent's watch showed it gone.
        var id = Guid.NewGuid().ToString();
        _table.Create(_alice, Spec("orders"), id);
        _table.RecordApplied(_orders1, [id]);

        _table.Remove(_alice, "orders");
        _table.Create(_alice, Spec("orders"), id);

        Assert.Equal(InterceptState.Active, Intercept("orders").State);
    }

    [Fact]
    public void An_intercept_re_created_after_the_agent_reported_it_gone_waits_for_a_new_report()
    {
        var id = Guid.NewGuid().ToString();
        _table.Create(_alice, Spec("orders"), id);
        _table.RecordApplied(_orders1, [id]);
        _table.Remove(_alice, "orders");
        _table.RecordApplied(_orders1, []);

        _table.Create(_alice, Spec("orders"), id);

        Assert.Equal(InterceptState.Waiting, Intercept("orders").State);
    }

    [Fact]
    public void Many_waiting_pods_are_named_up_to_three_and_counted_beyond()
    {
        foreach (var pod in new[] { "orders-7d9f-x2", "orders-7d9f-x3", "orders-7d9f-x4", "orders-7d9f-x5" })
        {
            ArriveAgent("orders", pod);
        }

        _table.Create(_alice, Spec("orders"), "");

        Assert.Equal(
            "waiting for 5 of 5 traffic agents of orders to apply it (pods orders-7d9f-x1, orders-7d9f-x2, orders-7d9f-x3 and 2 more)",
            Intercept("orders").StateReason);
    }

    [Fact]
    public void An_agents_view_carries_no_states_so_reports_do_not_wake_it_with_changes()
    {
        var created = _table.Create(_alice, Spec("orders"), "");
        var before = _table.Snapshot("orders", "default");

        _table.RecordApplied(_orders1, [created.Id]);

        var after = _table.Snapshot("orders", "default");
        Assert.Equal(before, after);
        Assert.Equal(InterceptState.Unspecified, Assert.Single(after.Intercepts).State);
    }

    private Session ArriveAgent(string workload, string pod) =>
        _sessions.ArriveAgent(new AgentInfo { Workload = workload, Namespace = "default", PodName = pod, WorkloadKind = "Deployment" });

    private InterceptInfo Intercept(string name) => _table.Snapshot().Intercepts.Single(i => i.Spec.Name == name);

    private static InterceptSpec Spec(string workload) =>
        new() { Name = workload, Workload = workload, TargetHost = "127.0.0.1", TargetPort = 8080 };
}
