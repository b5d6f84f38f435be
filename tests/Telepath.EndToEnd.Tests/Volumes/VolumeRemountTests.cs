using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Polling;
using Telepath.Testing.Mounts;

namespace Telepath.EndToEnd.Tests.Volumes;

/// <summary>A manager restart ends the tunnels under the mounts; the intercept comes back, and so do they.</summary>
[Collection(FailuresCollection.Name)]
public sealed class VolumeRemountTests(ClusterFixture cluster)
{
    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task After_a_manager_restart_the_volumes_are_mounted_again_in_the_same_place()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-restart");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");
        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}");
        var root = FuseMounts.PointIn(result.Stdout);
        var config = Path.Combine(root, "etc/config/app.yaml");
        Assert.Equal("greeting: hello\n", await File.ReadAllTextAsync(config));

        await cluster.RestartManagerAsync();

        // Gone with the old manager's tunnels, then back once the daemon has re-created the intercept.
        await File.WriteAllTextAsync(Path.Combine(agent.Config, "app.yaml"), "greeting: after the restart\n");
        await Poll.UntilEqualAsync("greeting: after the restart\n", () => ReadOrWhyNotAsync(config));
        Assert.Equal([Path.Combine(root, "etc/config"), Path.Combine(root, "var/data")], FuseMounts.Under(root).Order(StringComparer.Ordinal));
        await cluster.WaitForAgentAsync();
    }

    private static async Task<string> ReadOrWhyNotAsync(string path)
    {
        try
        {
            return await File.ReadAllTextAsync(path);
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
