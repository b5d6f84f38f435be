using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Polling;
using Telepath.Testing.Mounts;

namespace Telepath.EndToEnd.Tests.Volumes;

/// <summary>
/// Issue 15: the intercepted container's volumes on the laptop, through the real CLI, daemon, manager
/// and agent, with the agent's real sftp-server and the laptop's real sshfs and FUSE.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class VolumeMountTests(ClusterFixture cluster)
{
    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task An_intercept_mounts_the_volumes_live_and_leave_unmounts_them()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-live");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");
        var envFile = Path.Combine(laptop.Home, "files.env");

        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}", "--env-file", envFile);

        var root = FuseMounts.PointIn(result.Stdout);
        Assert.Equal($"mounting the volumes of deployment {agent.Workload} under {root}", result.Stderr.Trim());
        Assert.StartsWith(Path.Combine(laptop.RuntimeDirectory, "telepath", "mounts") + "/", root);
        Assert.Contains($"TELEPATH_ROOT={root}", await File.ReadAllLinesAsync(envFile));
        Assert.Equal([Path.Combine(root, "etc/config"), Path.Combine(root, "var/data")], FuseMounts.Under(root).Order(StringComparer.Ordinal));

        // Read, and see a change made on the cluster's side.
        Assert.Equal("greeting: hello\n", await File.ReadAllTextAsync(Path.Combine(root, "etc/config/app.yaml")));
        await File.WriteAllTextAsync(Path.Combine(agent.Config, "app.yaml"), "greeting: changed\n");
        await Poll.UntilEqualAsync("greeting: changed\n", () => File.ReadAllTextAsync(Path.Combine(root, "etc/config/app.yaml")));

        // A writable volume takes writes; a read-only one refuses them.
        await File.WriteAllTextAsync(Path.Combine(root, "var/data/from-laptop.txt"), "written on the laptop\n");
        Assert.Equal("written on the laptop\n", await File.ReadAllTextAsync(Path.Combine(agent.Data, "from-laptop.txt")));
        await Assert.ThrowsAnyAsync<IOException>(() => File.WriteAllTextAsync(Path.Combine(root, "etc/config/new.yaml"), "no\n"));
        Assert.False(File.Exists(Path.Combine(agent.Config, "new.yaml")));

        // A large file arrives whole.
        var big = RandomNumberGenerator.GetBytes(50 * 1024 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(agent.Data, "big.bin"), big);
        await using (var read = File.OpenRead(Path.Combine(root, "var/data/big.bin")))
        {
            Assert.Equal(SHA256.HashData(big), await SHA256.HashDataAsync(read));
        }

        var status = await laptop.MustRunAsync("status");
        Assert.Contains($"{agent.Workload}: {ClusterFixture.Holder}, volumes at {root}", status.Stdout);
        var json = JsonNode.Parse((await laptop.MustRunAsync("status", "--output", "json")).Stdout)!;
        Assert.Equal(root, (string?)json["mounts"]?[agent.Workload]?["directory"]);

        await laptop.MustRunAsync("leave", agent.Workload);

        Assert.Empty(FuseMounts.Under(root));
        Assert.False(Directory.Exists(root));
        Assert.Equal("greeting: changed\n", await File.ReadAllTextAsync(Path.Combine(agent.Config, "app.yaml")));
        Assert.True(File.Exists(Path.Combine(agent.Data, "from-laptop.txt")));
    }

    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task A_killed_daemon_leaves_no_mount_behind()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-killed");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");
        var mountDirectory = Path.Combine(laptop.Home, "files-volumes");

        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}", $"--mount={mountDirectory}");

        Assert.Contains($"Volume Mount Point: {mountDirectory}", result.Stdout);
        Assert.Equal(2, FuseMounts.Under(mountDirectory).Count);
        using (var daemon = Process.GetProcessById(laptop.DaemonPid))
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
        }

        // Its sshfs processes read the end of their pipes, exit, and their mounts go with them.
        await Poll.UntilAsync(() => FuseMounts.Under(mountDirectory).Count == 0, () => FuseMounts.Describe(mountDirectory));
        Assert.Equal("greeting: hello\n", await File.ReadAllTextAsync(Path.Combine(agent.Config, "app.yaml")));
    }

    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task Quit_unmounts_what_a_daemon_killed_with_its_sshfs_left_behind()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-stale");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");
        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}");
        var root = FuseMounts.PointIn(result.Stdout);

        // Everything at once (a kill -9 of the process group, an OOM kill): nothing is left to unmount,
        // and the mounts stay, dead: "Transport endpoint is not connected".
        foreach (var pid in FuseMounts.ProcessesServing(root).Append(laptop.DaemonPid))
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }

        Assert.NotEmpty(FuseMounts.Under(root));
        var quit = await laptop.MustRunAsync("quit");

        Assert.Contains("Unmounted 2 volume mount(s) a killed Telepath left behind", quit.Stdout);
        Assert.Empty(FuseMounts.Under(root));
    }

    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task Quit_unmounts_every_intercepts_volumes()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-quit");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");
        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}");
        var root = FuseMounts.PointIn(result.Stdout);
        Assert.Equal(2, FuseMounts.Under(root).Count);

        await laptop.MustRunAsync("quit");

        Assert.Empty(FuseMounts.Under(root));
        Assert.False(Directory.Exists(root));
    }

    [ToolFact("/usr/lib/openssh/sftp-server")]
    public async Task Without_sshfs_the_intercept_works_and_one_line_says_what_to_install()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-nosshfs");
        await using var laptop = cluster.NewLaptop("vera");
        laptop.SetVariable("TELEPATH_SSHFS", "/nonexistent/sshfs");
        await laptop.ConnectAsync();

        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}");

        Assert.Contains("State         : ACTIVE", result.Stdout);
        Assert.DoesNotContain("Volume Mount Point", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("telepath: volumes not mounted: sshfs is not installed", line);
        Assert.Contains("apt install sshfs", line);
    }

    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task Mount_false_mounts_nothing_and_says_nothing()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-off");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");

        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}", "--mount=false", "--output", "json");

        Assert.Equal("", result.Stderr);
        Assert.Null(JsonNode.Parse(result.Stdout)!["mount"]);
        Assert.Empty(FuseMounts.Under(laptop.RuntimeDirectory));
    }
}
