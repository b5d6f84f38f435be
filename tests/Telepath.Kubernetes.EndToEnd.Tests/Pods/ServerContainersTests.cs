using System.Diagnostics;
using System.Text;
using k8s;
using k8s.Models;
using Telepath.Core.Identity;
using Telepath.KubeApi.TestServer;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.Kubernetes.Testing.Pods;

namespace Telepath.Kubernetes.EndToEnd.Tests.Pods;

/// <summary>
/// What the harness does for the telepath-server image's containers, seen from the command it would
/// run: each test records the command instead of running the server.
/// </summary>
public sealed class ServerContainersTests : IAsyncLifetime
{
    private readonly TaskCompletionSource<ProcessStartInfo> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string directory = Directory.CreateTempSubdirectory("tp-containers-").FullName;
    private KubeApiServer server = null!;
    private k8s.Kubernetes client = null!;

    public async Task InitializeAsync()
    {
        var containers = new ServerContainers(directory, () => server.Store, () => "127.0.0.1:8081")
        {
            ServerDll = "telepath-server.dll",
            Wrap = command =>
            {
                started.TrySetResult(command);
                return new ProcessStartInfo("true");
            },
        };
        server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            PodRunner = new ImagePodRunner().InProcess("*telepath-server*", containers.RunAsync),
            KubeletDirectory = Path.Combine(directory, "kubelet"),
        });
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task An_agent_reading_its_projected_identity_gets_the_kubelets_file_with_a_token_bound_to_its_pod()
    {
        var pod = await client.CoreV1.CreateNamespacedPodAsync(AgentPod(), "default");

        var tokenFile = TokenFileOf(await started.Task);
        var review = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview
        {
            Spec = new V1TokenReviewSpec { Token = await File.ReadAllTextAsync(tokenFile), Audiences = [KubernetesIdentity.Audience] },
        });

        Assert.StartsWith(Path.Combine(directory, "kubelet", pod.Uid()), tokenFile, StringComparison.Ordinal);
        Assert.True(review.Status.Authenticated, review.Status.Error);
        Assert.Equal("system:serviceaccount:default:default", review.Status.User.Username);
        Assert.Equal([pod.Uid()], review.Status.User.Extra["authentication.kubernetes.io/pod-uid"]);
    }

    [Fact]
    public async Task A_manager_without_a_token_file_starts_with_no_secret_in_the_cluster()
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "telepath" } });

        await client.CoreV1.CreateNamespacedPodAsync(ServerPod("telepath-manager", ["manager", "--listen", ":8081"]), "telepath");
        var command = await started.Task;

        Assert.DoesNotContain("--token-file", command.ArgumentList);
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync("telepath")).Items);
    }

    [Fact]
    public async Task A_container_reading_the_token_secrets_file_waits_for_the_secret_and_gets_its_value()
    {
        await client.CoreV1.CreateNamespacedPodAsync(ServerPod("orders-1", ["agent", "--token-file", "/var/run/secrets/telepath/token"]), "default");

        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "telepath-agent-token" },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("shared-secret") },
        }, "default");
        var tokenFile = TokenFileOf(await started.Task);

        Assert.Equal("shared-secret", await File.ReadAllTextAsync(tokenFile));
    }

    [Fact]
    public async Task An_agents_volume_sources_are_where_the_kubelet_put_the_apps_volumes()
    {
        string[] volumes = ["/var/data=/telepath/volumes/var/data", "/etc/config=/telepath/volumes/etc/config:ro", "/var/run/secrets/kubernetes.io/serviceaccount=/var/run/secrets/kubernetes.io/serviceaccount:ro"];
        var agent = ServerPod("orders-1", ["agent", .. volumes.SelectMany(v => new[] { "--volume", v })]);
        agent.Spec.Containers[0].VolumeMounts =
        [
            new V1VolumeMount { Name = "data", MountPath = "/telepath/volumes/var/data" },
            new V1VolumeMount { Name = "config", MountPath = "/telepath/volumes/etc/config", ReadOnlyProperty = true },
        ];
        agent.Spec.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }, new V1Volume { Name = "config", EmptyDir = new V1EmptyDirVolumeSource() }];

        var pod = await client.CoreV1.CreateNamespacedPodAsync(agent, "default");
        var args = (await started.Task).ArgumentList;

        var kubelet = Path.Combine(directory, "kubelet", pod.Uid());
        Assert.Equal(
            [$"/var/data={kubelet}/data", $"/etc/config={kubelet}/config:ro", volumes[2]],
            args.Where((_, i) => i > 0 && args[i - 1] == "--volume"));
    }

    private static string TokenFileOf(ProcessStartInfo command) => command.ArgumentList[command.ArgumentList.IndexOf("--token-file") + 1];

    // The agent as the injection will add it: its token file on a projected volume of its own audience.
    private static V1Pod AgentPod()
    {
        var pod = ServerPod("orders-1", ["agent", "--app", "127.0.0.1:8080", "--manager", "telepath-manager.telepath:8081", "--token-file", KubernetesIdentity.AgentTokenFile]);
        pod.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "telepath-agent-identity", MountPath = KubernetesIdentity.AgentTokenDirectory, ReadOnlyProperty = true }];
        pod.Spec.Volumes =
        [
            new V1Volume
            {
                Name = "telepath-agent-identity",
                Projected = new V1ProjectedVolumeSource
                {
                    Sources =
                    [
                        new V1VolumeProjection
                        {
                            ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = KubernetesIdentity.Audience, ExpirationSeconds = KubernetesIdentity.TokenSeconds, Path = "token" },
                        },
                    ],
                },
            },
        ];
        return pod;
    }

    private static V1Pod ServerPod(string name, IList<string> args) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "server", Image = "ghcr.io/telepath/telepath-server:test", Args = args }] },
    };
}
