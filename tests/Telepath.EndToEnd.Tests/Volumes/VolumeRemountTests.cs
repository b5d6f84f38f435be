using Telepath.EndToEnd.Tests.Cluster;
using Telepath.EndToEnd.Tests.Infrastructure;
using Telepath.Testing.Polling;
using Telepath.Testing.Mounts;

namespace Telepath.EndToEnd.Tests.Volumes;

/// <summary>
/// A lost manager ends the tunnels under the mounts, and the mounts go with them (nothing left to hang a
/// reader); when it is back the intercept is re-created, and the mounts come back too.
/// </summary>
[Collection(FailuresCollection.Name)]
public sealed class VolumeRemountTests(ClusterFixture cluster)
{
    [ToolFact("sshfs", "fusermount3", "/dev/fuse", "/usr/lib/openssh/sftp-server")]
    public async Task A_lost_manager_unmounts_the_volumes_and_its_return_mounts_them_again_in_the_same_place()
    {
        await using var agent = await VolumeAgent.StartAsync(cluster, "files-restart");
        await using var laptop = await cluster.ConnectedLaptopAsync("vera");
        var result = await laptop.MustRunAsync("intercept", agent.Workload, "--port", $"{cluster.LaptopPort}");
        var root = FuseMounts.PointIn(result.Stdout);
        var config = Path.Combine(root, "etc/config/app.yaml");
        Assert.Equal("greeting: hello\n", await File.ReadAllTextAsync(config));

        await cluster.KillManagerAsync();

        await Poll.UntilAsync(() => FuseMounts.Under(root).Count == 0, () => FuseMounts.Describe(root));
        await cluster.StartManagerAgainAsync();

        // Back once the daemon has arrived again and re-created the intercept.
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
