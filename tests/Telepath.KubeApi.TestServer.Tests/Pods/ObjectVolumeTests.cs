using System.Text;
using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Tests.Infrastructure;
using Telepath.Testing.Polling;

namespace Telepath.KubeApi.TestServer.Tests.Pods;

public class ObjectVolumeTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_ConfigMaps_keys_are_files_behind_the_kubelets_data_symlink()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["app.yaml"] = "greeting: hello\n", ["level"] = "debug" } },
            "default");

        await cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("orders-1", new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } }), "default");
        var directory = (await runner.LaunchOf("orders-1")).LocalPath("/etc/config")!;

        Assert.Equal("greeting: hello\n", await File.ReadAllTextAsync(Path.Combine(directory, "app.yaml")));
        Assert.Equal("debug", await File.ReadAllTextAsync(Path.Combine(directory, "level")));
        Assert.Equal("..data/app.yaml", new FileInfo(Path.Combine(directory, "app.yaml")).LinkTarget);
        var data = new FileInfo(Path.Combine(directory, "..data")).LinkTarget!;
        Assert.Matches(@"^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d+$", data);
        Assert.Equal([data, "..data", "app.yaml", "level"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(directory, data, "level")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_Secrets_items_are_decoded_at_their_paths_with_their_mode()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret"), ["user"] = Encoding.UTF8.GetBytes("orders") } },
            "default");
        var volume = new V1Volume
        {
            Name = "config",
            Secret = new V1SecretVolumeSource { SecretName = "db", DefaultMode = 0b100_000_000, Items = [new V1KeyToPath { Key = "password", Path = "db/password" }] },
        };

        await cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod("orders-1", volume), "default");
        var directory = (await runner.LaunchOf("orders-1")).LocalPath("/etc/config")!;

        Assert.Equal("s3cret", await File.ReadAllTextAsync(Path.Combine(directory, "db", "password")));
        Assert.Equal("..data/db", new DirectoryInfo(Path.Combine(directory, "db")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(directory, "user")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(directory, "db", "password")));
    }

    [Fact]
    public async Task An_emptyDir_is_one_directory_for_the_pods_containers_and_a_subPath_is_made_in_it()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        var pod = Pod("orders-1", new V1Volume { Name = "config", EmptyDir = new V1EmptyDirVolumeSource() });
        pod.Spec.Containers.Add(new V1Container
        {
            Name = "sidecar",
            Image = "example/sidecar:1",
            VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/shared" }, new V1VolumeMount { Name = "config", MountPath = "/cache", SubPath = "cache" }],
        });

        await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        var app = await runner.LaunchOf("orders-1", "app");
        var sidecar = await runner.LaunchOf("orders-1", "sidecar");
        await File.WriteAllTextAsync(app.LocalPath("/etc/config/x.txt")!, "from app");

        Assert.Equal("from app", await File.ReadAllTextAsync(sidecar.LocalPath("/shared/x.txt")!));
        Assert.True(Directory.Exists(sidecar.LocalPath("/cache")));
        Assert.Equal(sidecar.LocalPath("/shared/cache"), sidecar.LocalPath("/cache"));
    }

    [Fact]
    public async Task A_pod_waits_for_its_ConfigMap_but_not_for_an_optional_one()
    {
        var runner = new RecordingPodRunner();
        await using var cluster = await TestCluster.StartAsync(new KubeApiServerOptions { PodRunner = runner });
        var pod = Pod("orders-1", new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "late" } });
        pod.Spec.Volumes.Add(new V1Volume { Name = "extra", ConfigMap = new V1ConfigMapVolumeSource { Name = "absent", Optional = true } });
        pod.Spec.Containers[0].VolumeMounts.Add(new V1VolumeMount { Name = "extra", MountPath = "/etc/extra" });
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, "default");
        var launch = runner.LaunchOf("orders-1");
        var created = await Poll.UntilAsync(
            () => cluster.Client.CoreV1.ReadNamespacedPodAsync("orders-1", "default"), p => p.Status?.ContainerStatuses is { Count: > 0 });

        var waiting = created.Status.ContainerStatuses[0].State.Waiting?.Reason;
        var startedEarly = launch.IsCompleted;
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" }, Data = new Dictionary<string, string> { ["level"] = "debug" } }, "default");

        Assert.Equal("ContainerCreating", waiting);
        Assert.False(startedEarly);
        Assert.Equal("debug", await File.ReadAllTextAsync((await launch).LocalPath("/etc/config/level")!));
        // As a kubelet does, the optional volume has the atomic writer's layout, with no files in it.
        Assert.All(Directory.EnumerateFileSystemEntries((await launch).LocalPath("/etc/extra")!), e => Assert.StartsWith("..", Path.GetFileName(e), StringComparison.Ordinal));
    }

    private static V1Pod Pod(string name, V1Volume volume) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "example/orders:1",
                    VolumeMounts = [new V1VolumeMount { Name = volume.Name, MountPath = "/etc/config" }],
                },
            ],
            Volumes = [volume],
        },
    };
}
