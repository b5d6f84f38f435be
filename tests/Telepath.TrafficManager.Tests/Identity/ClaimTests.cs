using System.Text.Json.Nodes;
using Grpc.Core;
using k8s;
using k8s.Models;
using Telepath.Core.Identity;
using Telepath.Protocol.Manager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.TrafficManager.Tests.Identity;

/// <summary>
/// An intercept needs the right to patch the workload, proven per intercept by writing the manager's
/// claim value into the workload's annotation with the laptop's own credentials (here the test
/// server's admin, who may), and the environment goes only with an intercept so made.
/// </summary>
public sealed class ClaimTests : IAsyncLifetime
{
    private IdentityCluster _cluster = null!;
    private ProtocolManager.ManagerClient _laptop = null!;
    private SessionInfo _session = null!;

    public async Task InitializeAsync()
    {
        _cluster = await IdentityCluster.StartAsync();
        var pod = await _cluster.DeployAsync("a", "orders");
        await _cluster.Client(await _cluster.ProjectedTokenAsync(pod)).ArriveAsAgentAsync(new AgentArrival
        {
            Workload = "orders",
            Namespace = "a",
            WorkloadKind = "Deployment",
            PodName = pod.Name(),
            Environment = { ["DB_PASSWORD"] = "hunter2" },
        });
        _laptop = _cluster.Client();
        _session = await _laptop.ArriveAsClientAsync(new ClientArrival { Name = "alice@laptop" });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Without_a_claim_on_the_workload_there_is_no_intercept_and_no_environment()
    {
        var refusal = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("orders"));

        Assert.Equal(StatusCode.PermissionDenied, refusal.StatusCode);
        Assert.Contains("patch", refusal.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await SnapshotAsync()).Intercepts);
    }

    [Fact]
    public async Task A_claim_written_on_the_workload_makes_one_intercept()
    {
        var claim = await ClaimAsync();
        await WriteAsync(claim.Annotation, claim.Value);

        var created = await CreateAsync("orders");
        var again = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("orders-2"));

        Assert.True(claim.Required);
        Assert.Equal(KubernetesIdentity.ClaimAnnotation(_session.SessionId), claim.Annotation);
        Assert.Equal("hunter2", created.Environment["DB_PASSWORD"]);
        Assert.Equal(StatusCode.PermissionDenied, again.StatusCode);
    }

    [Fact]
    public async Task A_claim_the_workload_does_not_carry_is_refused()
    {
        var claim = await ClaimAsync();
        await WriteAsync(claim.Annotation, "a-value-someone-guessed");

        var refusal = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("orders"));

        Assert.Equal(StatusCode.PermissionDenied, refusal.StatusCode);
        Assert.Contains("does not carry this laptop's claim", refusal.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(claim.Value, refusal.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_names_a_workload_kind_telepath_intercepts()
    {
        var refusal = await Assert.ThrowsAsync<RpcException>(async () => await _laptop.ClaimWorkloadAsync(new ClaimRequest
        {
            SessionSecret = _session.SessionSecret,
            Namespace = "a",
            Workload = "orders",
            WorkloadKind = "Pod",
        }));

        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
    }

    private async Task<WorkloadClaim> ClaimAsync() => await _laptop.ClaimWorkloadAsync(new ClaimRequest
    {
        SessionSecret = _session.SessionSecret,
        Namespace = "a",
        Workload = "orders",
        WorkloadKind = "Deployment",
    });

    private Task WriteAsync(string annotation, string value) =>
        _cluster.Admin.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(
                new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [annotation] = value } } }.ToJsonString(),
                V1Patch.PatchType.MergePatch),
            "orders",
            "a");

    private async Task<InterceptInfo> CreateAsync(string name) => await _laptop.CreateInterceptAsync(new CreateInterceptRequest
    {
        SessionSecret = _session.SessionSecret,
        Spec = new InterceptSpec { Name = name, Workload = "orders", Namespace = "a", TargetHost = "127.0.0.1", TargetPort = 8080 },
    });

    private async Task<InterceptSnapshot> SnapshotAsync()
    {
        using var watch = _laptop.WatchIntercepts(new SessionRef { SessionSecret = _session.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the manager ended the watch");
        return watch.ResponseStream.Current;
    }
}
