using System.Globalization;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Topology;

public sealed class TopologyLifetimeTests
{
    [NetnsFact]
    public async Task Every_namespace_and_the_resolver_folders_are_gone_after_dispose_also_when_the_test_threw()
    {
        NetworkTopology? built = null;

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var topology = await NetworkTopology.CreateAsync();
            built = topology;
            // A process still running inside must not keep its namespace alive.
            NetworkTopology.Start(topology.Names.Cluster, "sleeper", ["sleep", "600"]);
            throw new InvalidOperationException("the test failed");
        });

        var namespaces = await ProcessRunner.RunAsync("ip", ["netns", "list"]);
        Assert.NotNull(built);
        Assert.DoesNotContain(built.Names.Prefix + "-", namespaces.Stdout);
        Assert.False(Directory.Exists(Path.GetDirectoryName(built.ResolvConfPath)));
        Assert.False(Directory.Exists(Path.GetDirectoryName(built.ClusterResolvConfPath)));
    }

    [NetnsFact]
    public async Task Namespaces_left_by_a_killed_test_run_are_removed_when_the_next_topology_is_built()
    {
        var dead = await DeadProcessIdAsync();
        var stale = new NamespaceNames(dead, 1);
        await ProcessRunner.RunAsync("ip", ["netns", "add", stale.Laptop]);
        Directory.CreateDirectory(Path.Combine("/etc/netns", stale.Laptop));

        await using (await NetworkTopology.CreateAsync())
        {
            var namespaces = await ProcessRunner.RunAsync("ip", ["netns", "list"]);

            Assert.DoesNotContain(stale.Laptop, namespaces.Stdout);
            Assert.False(Directory.Exists(Path.Combine("/etc/netns", stale.Laptop)));
        }
    }

    [NetnsFact]
    public async Task The_laptop_sees_its_own_resolv_conf_and_only_a_default_route_to_the_non_forwarding_API_server_namespace()
    {
        await using var topology = await NetworkTopology.CreateAsync();

        var resolvConf = await NetworkTopology.ExecAsync(topology.Names.Laptop, ["cat", "/etc/resolv.conf"]);
        var routes = await NetworkTopology.ExecAsync(topology.Names.Laptop, ["ip", "route"]);

        Assert.Equal(System.Text.Encoding.ASCII.GetString(topology.OriginalResolvConf), resolvConf.Stdout);
        Assert.Contains("search example.test", resolvConf.Stdout);
        Assert.Contains($"default via {topology.ApiLaptopSideAddress}", routes.Stdout);
        Assert.DoesNotContain("10.", routes.Stdout);
    }

    // A process that ran and ended: its id names nobody (until the system reuses it, which takes a full cycle).
    private static async Task<int> DeadProcessIdAsync()
    {
        var pid = 0;
        await ProcessRunner.RunAsync("true", [], started: id => pid = id);
        return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}") ? throw new InvalidOperationException("true still runs") : pid;
    }
}
