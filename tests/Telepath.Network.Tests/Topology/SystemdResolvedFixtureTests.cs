using System.Globalization;
using System.Text.RegularExpressions;
using Telepath.Network.Tests.Infrastructure;

namespace Telepath.Network.Tests.Topology;

/// <summary>The real systemd-resolved fixture is what split-DNS tests take it for: the laptop's resolver, forwarding to the laptop's DNS server.</summary>
public sealed class SystemdResolvedFixtureTests
{
    [SystemdResolvedFact]
    public async Task Its_stub_answers_in_the_laptop_namespace_from_the_given_upstream_which_resolvectl_names()
    {
        await using var topology = await NetworkTopology.CreateAsync();
        await using var upstream = await LaptopResolver.StartAsync(topology);
        await using var resolved = await SystemdResolved.StartAsync(topology.Names.Laptop, topology.LaptopAddress);

        var dig = await NetworkTopology.ExecAsync(
            topology.Names.Laptop, ["dig", "+short", "+time=5", "+tries=1", $"@{SystemdResolved.StubAddress}", LaptopResolver.KnownName]);
        var status = await resolved.ResolvectlAsync("status");

        Assert.True(dig.ExitCode == 0, $"{dig}\n--- systemd-resolved ---\n{resolved.Output}");
        Assert.Equal(LaptopResolver.KnownAddress, dig.Stdout.Trim());
        Assert.True(status.ExitCode == 0, status.ToString());

        // resolvectl 252 prints the global list as "DNS Servers" without a colon once "Current DNS Server:" precedes it.
        Assert.Matches(new Regex($@"^Global\n(.+\n)*? +DNS Servers:? {Regex.Escape(topology.LaptopAddress.ToString())}$", RegexOptions.Multiline), status.Stdout);
    }

    [SystemdResolvedFact]
    public async Task After_dispose_neither_resolved_nor_its_bus_runs_and_its_folder_is_gone()
    {
        await using var topology = await NetworkTopology.CreateAsync();
        var resolved = await SystemdResolved.StartAsync(topology.Names.Laptop, topology.LaptopAddress);
        var socket = resolved.BusAddress["unix:path=".Length..];
        var running = await FixtureProcessesAsync(topology.Names.Laptop);

        await resolved.DisposeAsync();

        Assert.Equal(new[] { "dbus-daemon", "systemd-resolve" }, running.Values.Order());
        Assert.All(running.Keys, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} ({running[pid]}) still runs"));
        Assert.False(Directory.Exists(Path.GetDirectoryName(socket)));
    }

    [SystemdResolvedFact]
    public async Task A_start_that_fails_says_where_and_leaves_nothing_behind()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SystemdResolved.StartAsync("tp-no-such-namespace", System.Net.IPAddress.Loopback));
        var left = await ProcessRunner.RunAsync("pgrep", ["-f", "tp-no-such-namespace"]);

        Assert.Contains("dbus-daemon", error.Message);
        Assert.Contains("tp-no-such-namespace", error.Message);
        Assert.Equal("", left.Stdout);
    }

    // comm is the name cut to 15 bytes: "systemd-resolve".
    private static async Task<Dictionary<int, string>> FixtureProcessesAsync(string namespaceName)
    {
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", namespaceName]);
        var found = new Dictionary<int, string>();
        foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line, CultureInfo.InvariantCulture)))
        {
            var comm = (await File.ReadAllTextAsync($"/proc/{pid}/comm")).Trim();
            if (comm is "systemd-resolve" or "dbus-daemon")
            {
                found[pid] = comm;
            }
        }

        return found;
    }
}
