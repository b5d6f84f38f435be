using System.Net;
using Grpc.Core;
using k8s.Models;
using Telepath.Protocol.Manager;

namespace Telepath.TrafficManager.Tests.Identity;

/// <summary>
/// Where the manager has no token of its own, an agent is who its pod's projected service-account
/// token says, as a TokenReview of the (test) API server tells it; a laptop is a caller without a
/// token on the pod's loopback. Over the real gRPC API, as a hostile pod would try.
/// </summary>
public sealed class AgentIdentityTests : IAsyncLifetime
{
    private IdentityCluster _cluster = null!;
    private V1Pod _orders = null!;
    private V1Pod _payments = null!;

    public async Task InitializeAsync()
    {
        _cluster = await IdentityCluster.StartAsync(clientSources: [IPNetwork.Parse("127.0.0.1/32")]);
        _orders = await _cluster.DeployAsync("a", "orders");
        _payments = await _cluster.DeployAsync("b", "payments");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_agent_arrives_as_the_workload_its_pods_owner_chain_names()
    {
        var token = await _cluster.ProjectedTokenAsync(_orders);

        var session = await _cluster.Client(token).ArriveAsAgentAsync(Arrival(_orders, "orders"));

        var laptop = _cluster.Client();
        var laptopSession = await laptop.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });
        using var watch = laptop.WatchAgents(new SessionRef { SessionSecret = laptopSession.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        var agent = Assert.Single(watch.ResponseStream.Current.Agents);
        Assert.Equal(session.SessionId, agent.SessionId);
        Assert.Equal(("a", "orders", "Deployment", _orders.Name()), (agent.Namespace, agent.Workload, agent.WorkloadKind, agent.PodName));
    }

    [Fact]
    public async Task An_agent_cannot_say_it_serves_another_workload()
    {
        var token = await _cluster.ProjectedTokenAsync(_orders);

        var refusal = await Assert.ThrowsAsync<RpcException>(async () =>
            await _cluster.Client(token).ArriveAsAgentAsync(Arrival(_orders, "payments", "b")));

        Assert.Equal(StatusCode.PermissionDenied, refusal.StatusCode);
        Assert.Contains($"pod {_orders.Name()} of Deployment orders in namespace a", refusal.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_token_or_one_for_another_audience_is_refused()
    {
        var forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YTpkZWZhdWx0In0.c2lnbmF0dXJl";
        var apiServers = await _cluster.ProjectedTokenAsync(_orders, audience: "https://kubernetes.default.svc.cluster.local");

        var forgedRefusal = await Assert.ThrowsAsync<RpcException>(async () => await _cluster.Client(forged).ArriveAsAgentAsync(Arrival(_orders, "orders")));
        var audienceRefusal = await Assert.ThrowsAsync<RpcException>(async () => await _cluster.Client(apiServers).ArriveAsAgentAsync(Arrival(_orders, "orders")));
        var notJwt = await Assert.ThrowsAsync<RpcException>(async () => await _cluster.Client("test-token").ArriveAsAgentAsync(Arrival(_orders, "orders")));

        Assert.Equal(StatusCode.Unauthenticated, forgedRefusal.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, audienceRefusal.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, notJwt.StatusCode);
        Assert.Contains("did not accept the agent's token", forgedRefusal.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agents_token_makes_no_laptop_and_a_laptop_no_agent()
    {
        var token = await _cluster.ProjectedTokenAsync(_orders);

        var asClient = await Assert.ThrowsAsync<RpcException>(async () => await _cluster.Client(token).ArriveAsClientAsync(new ClientArrival { Name = "pod@cluster" }));
        var asAgent = await Assert.ThrowsAsync<RpcException>(async () => await _cluster.Client().ArriveAsAgentAsync(Arrival(_orders, "orders")));

        Assert.Equal(StatusCode.PermissionDenied, asClient.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, asAgent.StatusCode);
    }

    [Fact]
    public async Task A_caller_without_a_token_from_outside_the_pods_loopback_is_refused()
    {
        var fromPodNetwork = await Assert.ThrowsAsync<RpcException>(async () =>
            await _cluster.Client(from: IPAddress.Parse("127.0.0.2")).ArriveAsClientAsync(new ClientArrival { Name = "mallory@pod" }));
        var fromLoopback = await _cluster.Client(from: IPAddress.Loopback).ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });

        Assert.Equal(StatusCode.Unauthenticated, fromPodNetwork.StatusCode);
        Assert.Contains("port-forward", fromPodNetwork.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(fromLoopback.SessionSecret);
    }

    [Fact]
    public async Task An_agents_session_answers_only_to_a_token_of_its_own_pod()
    {
        var session = await _cluster.Client(await _cluster.ProjectedTokenAsync(_orders)).ArriveAsAgentAsync(Arrival(_orders, "orders"));
        var other = _cluster.Client(await _cluster.ProjectedTokenAsync(_payments));
        var laptop = _cluster.Client();

        var byOtherPod = await Assert.ThrowsAsync<RpcException>(async () => await other.RemainAsync(new SessionRef { SessionSecret = session.SessionSecret }));
        var byLaptop = await Assert.ThrowsAsync<RpcException>(async () => await laptop.RemainAsync(new SessionRef { SessionSecret = session.SessionSecret }));
        await _cluster.Client(await _cluster.ProjectedTokenAsync(_orders)).RemainAsync(new SessionRef { SessionSecret = session.SessionSecret });

        Assert.Equal(StatusCode.PermissionDenied, byOtherPod.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byLaptop.StatusCode);
    }

    private static AgentArrival Arrival(V1Pod pod, string workload, string @namespace = "a") => new()
    {
        Workload = workload,
        Namespace = @namespace,
        WorkloadKind = "Deployment",
        PodName = pod.Name(),
        Version = "test",
    };
}
