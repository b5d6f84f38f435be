using k8s;
using k8s.Models;
using Telepath.Core.Identity;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;
using Telepath.Protocol.Manager;
using ProtocolManager = Telepath.Protocol.Manager.Manager;

namespace Telepath.Kubernetes.EndToEnd.Tests.Refusals;

/// <summary>
/// Nobody reaches further through Telepath than their RBAC lets them: bob may change workloads in
/// "default" only (in "b" he may look, as with the "view" role). An administrator's agent already
/// serves b's workload, so only the manager's per-intercept check stands between bob and it.
/// </summary>
public sealed class NamespaceRbacTests
{
    private const string Secret = "b-database-password";

    [Fact]
    public async Task A_user_intercepts_where_they_may_patch_and_is_refused_elsewhere_with_the_missing_permission()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await SampleWorkloads.CreateAsync(cluster.Client, "orders", "http");
        await CreatePaymentsInBAsync(cluster.Client);
        await using var app = await LaptopApp.StartAsync();
        await using (var admin = new KubeLaptop(cluster.KubeconfigPath))
        {
            await admin.MustRunAsync("connect", "--namespace", "b");
            await admin.MustRunAsync("intercept", "payments", "--port", app.Port.ToString());
            await admin.MustRunAsync("leave", "payments");
            await admin.MustRunAsync("quit");
        }

        var bobConfig = Path.Combine(cluster.Directory, "bob.kubeconfig");
        cluster.Server.WriteUserKubeconfig(bobConfig, "bob");
        foreach (var verb in new[] { "create", "update", "patch", "delete" })
        {
            cluster.Server.Deny(verb, "*", "b", "bob");
        }

        await using var bob = new KubeLaptop(bobConfig);
        await bob.MustRunAsync("connect");
        await bob.MustRunAsync("intercept", "orders", "--port", app.Port.ToString());
        await bob.MustRunAsync("quit");
        await bob.MustRunAsync("connect", "--namespace", "b");
        var refused = await bob.RunAsync("intercept", "payments", "--port", app.Port.ToString(), "--env-json", Path.Combine(bob.Home, "payments.json"));

        Assert.Equal(1, refused.ExitCode);
        var lines = refused.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(
            "telepath: cannot intercept Deployment \"payments\": you are not allowed to patch deployments in namespace \"b\" (forbidden): ask your cluster admin for 'patch' on deployments.apps",
            lines[^1]);
        Assert.False(File.Exists(Path.Combine(bob.Home, "payments.json")));
        Assert.DoesNotContain(Secret, refused.Stdout + refused.Stderr, StringComparison.Ordinal);
        var payments = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("payments", "b");
        Assert.DoesNotContain(payments.Metadata.Annotations ?? new Dictionary<string, string>(), a => a.Key.StartsWith(KubernetesIdentity.ClaimAnnotationPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_laptop_that_skips_the_claim_gets_no_intercept_and_no_environment_through_the_raw_api()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await CreatePaymentsInBAsync(cluster.Client);
        await using var app = await LaptopApp.StartAsync();
        await using var admin = new KubeLaptop(cluster.KubeconfigPath);
        await admin.MustRunAsync("connect", "--namespace", "b");
        await admin.MustRunAsync("intercept", "payments", "--port", app.Port.ToString(), "--name", "admins");

        // As a port-forward arrives (pods are on this machine's 127/8), with no token and no claim.
        var manager = (await cluster.Client.ListNamespacedPodAsync("telepath")).Items.Single(pod => pod.Metadata.Name.StartsWith("telepath-manager", StringComparison.Ordinal));
        using var link = Telepath.Tunnels.Links.ManagerLink.Create($"{manager.Status.PodIP}:8081", token: null);
        var client = new ProtocolManager.ManagerClient(link.Channel);
        var session = await client.ArriveAsClientAsync(new ClientArrival { Name = "mallory@laptop" });
        var refusal = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await client.CreateInterceptAsync(new CreateInterceptRequest
        {
            SessionSecret = session.SessionSecret,
            Spec = new InterceptSpec { Name = "mine", Workload = "payments", Namespace = "b", TargetHost = "127.0.0.1", TargetPort = app.Port, Headers = { new HeaderCondition { Name = "x-me", ValueRegex = "1" } } },
        }));
        using var watch = client.WatchIntercepts(new SessionRef { SessionSecret = session.SessionSecret });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        using var agents = client.WatchAgents(new SessionRef { SessionSecret = session.SessionSecret });
        Assert.True(await agents.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refusal.StatusCode);
        Assert.Equal("admins", Assert.Single(watch.ResponseStream.Current.Intercepts).Spec.Name);
        Assert.DoesNotContain(Secret, watch.ResponseStream.Current.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, agents.ResponseStream.Current.ToString(), StringComparison.Ordinal);
    }

    private static async Task CreatePaymentsInBAsync(IKubernetes client)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "b" } });
        var deployment = SampleWorkloads.Deployment("payments", env: new() { ["DB_PASSWORD"] = Secret });
        deployment.Metadata.NamespaceProperty = "b";
        var service = SampleWorkloads.Service("payments", "http");
        service.Metadata.NamespaceProperty = "b";
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "b");
        await client.CoreV1.CreateNamespacedServiceAsync(service, "b");
    }
}
