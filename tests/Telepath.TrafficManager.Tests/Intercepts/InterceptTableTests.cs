using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;
using Telepath.TrafficManager.Sessions;

namespace Telepath.TrafficManager.Tests.Intercepts;

public class InterceptTableTests
{
    private readonly SessionRegistry _sessions = new(new FakeTimeProvider());
    private readonly InterceptTable _table;
    private readonly Session _alice;
    private readonly Session _bob;

    public InterceptTableTests()
    {
        _table = new InterceptTable(_sessions);
        _sessions.ArriveAgent(new AgentInfo { Workload = "orders", Namespace = "default", PodName = "orders-1", WorkloadKind = "Deployment" });
        _alice = _sessions.ArriveClient("alice@laptop");
        _bob = _sessions.ArriveClient("bob@laptop2");
    }

    [Fact]
    public void A_new_global_intercept_waits_for_its_agent_and_reports_the_agents_workload_kind()
    {
        var info = _table.Create(_alice, Spec("orders"), "");

        Assert.Equal(InterceptState.Waiting, info.State);
        Assert.Equal("waiting for 1 of 1 traffic agent of orders to apply it (pod orders-1)", info.StateReason);
        Assert.Equal("Deployment", info.WorkloadKind);
        Assert.Equal("alice@laptop", info.ClientName);
        Assert.True(Guid.TryParse(info.Id, out _));
    }

    [Fact]
    public void An_unknown_workload_is_refused_with_a_pointer_to_list()
    {
        var error = Assert.Throws<RpcException>(() => _table.Create(_alice, Spec("nosuch"), ""));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("workload \"nosuch\" is not known to the traffic manager: no traffic agent serves it (see \"telepath list\")", error.Status.Detail);
    }

    [Fact]
    public void A_second_global_intercept_names_the_holder_of_the_first()
    {
        _table.Create(_alice, Spec("orders"), "");

        var error = Assert.Throws<RpcException>(() => _table.Create(_bob, Spec("orders", name: "orders-2"), ""));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.StartsWith("workload \"orders\" is already intercepted by alice@laptop (intercept \"orders\", all TCP connections)", error.Status.Detail);
    }

    [Fact]
    public void A_personal_intercept_over_a_global_one_is_refused()
    {
        _table.Create(_alice, Spec("orders"), "");

        var error = Assert.Throws<RpcException>(() => _table.Create(_bob, Spec("orders", name: "mine", header: "bob"), ""));

        Assert.StartsWith("workload \"orders\" is already intercepted by alice@laptop", error.Status.Detail);
    }

    [Fact]
    public void Two_personal_intercepts_share_a_workload_but_a_global_one_cannot_join_them()
    {
        _table.Create(_alice, Spec("orders", name: "a", header: "alice"), "");
        _table.Create(_bob, Spec("orders", name: "b", header: "bob"), "");

        var error = Assert.Throws<RpcException>(() => _table.Create(_bob, Spec("orders", name: "c"), ""));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(2, _table.Snapshot().Intercepts.Count);
    }

    [Fact]
    public void Mirrors_share_a_workload_with_each_other_and_with_personal_intercepts()
    {
        var aliceMirror = Spec("orders", name: "a-mirror");
        aliceMirror.Mirror = true;
        var bobMirror = Spec("orders", name: "b-mirror", header: "bob");
        bobMirror.Mirror = true;

        _table.Create(_alice, aliceMirror, "");
        _table.Create(_bob, bobMirror, "");
        _table.Create(_bob, Spec("orders", name: "mine", header: "bob"), "");
        var error = Assert.Throws<RpcException>(() => _table.Create(_alice, Spec("orders", name: "all"), ""));

        Assert.Equal(3, _table.Snapshot().Intercepts.Count);
        Assert.Contains("has personal intercepts (\"mine\" by bob@laptop2)", error.Status.Detail);
    }

    [Fact]
    public void A_mirror_joins_a_global_intercept()
    {
        _table.Create(_alice, Spec("orders"), "");
        var mirror = Spec("orders", name: "copy");
        mirror.Mirror = true;

        _table.Create(_bob, mirror, "");

        Assert.Equal(2, _table.Snapshot().Intercepts.Count);
    }

    [Fact]
    public void A_name_in_use_is_refused_with_its_holder()
    {
        _table.Create(_alice, Spec("orders", header: "alice"), "");

        var error = Assert.Throws<RpcException>(() => _table.Create(_bob, Spec("orders", header: "bob"), ""));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("an intercept named \"orders\" already exists (held by alice@laptop); choose another with --name", error.Status.Detail);
    }

    [Fact]
    public void Re_creating_with_the_same_id_after_a_reconnect_keeps_the_id()
    {
        var id = Guid.NewGuid().ToString();

        var first = _table.Create(_alice, Spec("orders"), id);
        var again = _table.Create(_alice, Spec("orders"), id);

        Assert.Equal(id, first.Id);
        Assert.Equal(id, again.Id);
        Assert.Single(_table.Snapshot().Intercepts);
    }

    [Fact]
    public void Only_the_owner_removes_an_intercept()
    {
        _table.Create(_alice, Spec("orders"), "");

        var error = Assert.Throws<RpcException>(() => _table.Remove(_bob, "orders"));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);

        _table.Remove(_alice, "orders");
        Assert.Empty(_table.Snapshot().Intercepts);
    }

    [Fact]
    public void A_departed_client_takes_its_intercepts_with_it()
    {
        _table.Create(_alice, Spec("orders", name: "a", header: "alice"), "");
        _table.Create(_bob, Spec("orders", name: "b", header: "bob"), "");

        _sessions.Depart(_alice);

        Assert.Equal("b", Assert.Single(_table.Snapshot().Intercepts).Spec.Name);
    }

    [Fact]
    public void An_agent_sees_only_its_own_workloads_intercepts()
    {
        _sessions.ArriveAgent(new AgentInfo { Workload = "billing", Namespace = "default", PodName = "billing-1" });
        _table.Create(_alice, Spec("orders"), "");
        _table.Create(_alice, Spec("billing"), "");

        var forOrders = _table.Snapshot("orders", "default");

        Assert.Equal("orders", Assert.Single(forOrders.Intercepts).Spec.Workload);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void A_port_out_of_range_is_invalid(int port)
    {
        var spec = Spec("orders");
        spec.TargetPort = port;

        var error = Assert.Throws<RpcException>(() => _table.Create(_alice, spec, ""));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public void A_path_regex_that_does_not_compile_is_invalid()
    {
        var spec = Spec("orders");
        spec.PathRegex = "(";

        var error = Assert.Throws<RpcException>(() => _table.Create(_alice, spec, ""));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(_table.Snapshot().Intercepts);
    }

    [Fact]
    public void An_id_held_by_another_intercept_is_refused()
    {
        var alices = _table.Create(_alice, Spec("orders", name: "a", header: "alice"), "");

        var error = Assert.Throws<RpcException>(() => _table.Create(_bob, Spec("orders", name: "b", header: "bob"), alices.Id));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("a", Assert.Single(_table.Snapshot().Intercepts).Spec.Name);
    }

    [Theory]
    [InlineData("my-own-id")]
    [InlineData("0F8FAD5B-D9CB-469F-A165-70867728950E")]
    [InlineData("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    public void An_id_that_is_not_a_lower_case_uuid_is_refused(string id)
    {
        var error = Assert.Throws<RpcException>(() => _table.Create(_alice, Spec("orders"), id));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(_table.Snapshot().Intercepts);
    }

    private static InterceptSpec Spec(string workload, string? name = null, string? header = null)
    {
        var spec = new InterceptSpec { Name = name ?? workload, Workload = workload, TargetHost = "127.0.0.1", TargetPort = 8080 };
        if (header is not null)
        {
            spec.Headers.Add(new HeaderCondition { Name = "x-dev", ValueRegex = header });
        }

        return spec;
    }
}
