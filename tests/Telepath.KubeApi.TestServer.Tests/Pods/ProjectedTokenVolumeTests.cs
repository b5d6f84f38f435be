using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;

namespace Telepath.KubeApi.TestServer.Tests.Pods;

public class ProjectedTokenVolumeTests
{
    private const string MountPath = "/var/run/secrets/telepath.io/agent";

    [Fact]
    public async Task A_projected_token_is_a_file_on_the_mount_with_a_token_bound_to_the_pod_for_its_audience()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        await cluster.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "orders" } }, "default");
        var pod = await cluster.Client.CoreV1.CreateNamespacedPodAsync(PodWithTokenVolume("orders-1", "orders"), "default");

        var launch = await runner.LaunchOf("orders-1");
        var token = await File.ReadAllTextAsync(launch.LocalPath($"{MountPath}/token")!);
        var review = await ServiceAccountPods.ReviewAsync(cluster.Client, token, "telepath");

        Assert.True(review.Authenticated, review.Error);
        Assert.Equal("system:serviceaccount:default:orders", review.User.Username);
        Assert.Equal([pod.Uid()], review.User.Extra["authentication.kubernetes.io/pod-uid"]);
        Assert.Equal(600, Jwt.Claims(token)["exp"]!.GetValue<long>() - Jwt.Claims(token)["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_kubelet_replaces_the_token_once_80_percent_of_its_lifetime_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner, Time = clock });
        await cluster.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "orders" } }, "default");
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(PodWithTokenVolume("orders-1", "orders"), "default");
        var path = (await runner.LaunchOf("orders-1")).LocalPath($"{MountPath}/token")!;
        var first = await File.ReadAllTextAsync(path);

        clock.Advance(TimeSpan.FromSeconds(479));
        var before = await File.ReadAllTextAsync(path);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await File.ReadAllTextAsync(path);

        Assert.Equal(first, before);
        Assert.NotEqual(first, after);
        Assert.Equal(480, Jwt.Claims(after)["iat"]!.GetValue<long>() - Jwt.Claims(first)["iat"]!.GetValue<long>());
        Assert.True((await ServiceAccountPods.ReviewAsync(cluster.Client, after, "telepath")).Authenticated);
    }

    [Fact]
    public async Task A_pod_naming_no_service_account_runs_as_default_and_gets_its_token()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });

        var pod = await cluster.Client.CoreV1.CreateNamespacedPodAsync(PodWithTokenVolume("orders-1", serviceAccount: null), "shop");
        var token = await File.ReadAllTextAsync((await runner.LaunchOf("orders-1")).LocalPath($"{MountPath}/token")!);

        Assert.Equal(("default", "default"), (pod.Spec.ServiceAccountName, pod.Spec.ServiceAccount));
        Assert.Equal("system:serviceaccount:shop:default", Jwt.Claims(token)["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pod_whose_service_account_comes_later_starts_once_it_exists()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(PodWithTokenVolume("orders-1", "late"), "default");

        await cluster.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "late" } }, "default");
        var token = await File.ReadAllTextAsync((await runner.LaunchOf("orders-1")).LocalPath($"{MountPath}/token")!);

        Assert.Equal("system:serviceaccount:default:late", Jwt.Claims(token)["sub"]!.GetValue<string>());
    }

    private static V1Pod PodWithTokenVolume(string name, string? serviceAccount) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            ServiceAccountName = serviceAccount,
            Containers =
            [
                new V1Container
                {
                    Name = "agent",
                    Image = "telepath-server:1",
                    VolumeMounts = [new V1VolumeMount { Name = "telepath-agent-identity", MountPath = MountPath, ReadOnlyProperty = true }],
                },
            ],
            Volumes =
            [
                new V1Volume
                {
                    Name = "telepath-agent-identity",
                    Projected = new V1ProjectedVolumeSource
                    {
                        Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = "telepath", ExpirationSeconds = 600, Path = "token" } }],
                    },
                },
            ],
        },
    };
}
