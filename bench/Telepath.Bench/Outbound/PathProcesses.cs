using System.Globalization;

namespace Telepath.Bench.Outbound;

/// <summary>
/// The processes a request from the laptop crosses, named for the CPU table: the daemon, the API
/// server (its port-forward carries the tunnel), the manager and the app (both in the cluster namespace).
/// </summary>
internal static class PathProcesses
{
    public static async Task<IReadOnlyList<(string Name, int Pid)>> FindAsync(ShopNetwork network, int? daemon, CancellationToken cancellationToken)
    {
        List<(string, int)> found = daemon is { } d ? [("daemon", d)] : [];
        foreach (var pid in await PidsAsync(network.Topology.Names.Api, cancellationToken))
        {
            found.Add(("API server", pid));
        }

        foreach (var pid in await PidsAsync(network.ClusterNamespace, cancellationToken))
        {
            var command = File.Exists($"/proc/{pid}/cmdline") ? (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", cancellationToken)).Replace('\0', ' ') : "";
            if (command.Contains("telepath-server", StringComparison.Ordinal))
            {
                found.Add(("manager", pid));
            }
            else if (command.Contains(" app --listen ", StringComparison.Ordinal))
            {
                found.Add(("app", pid));
            }
        }

        return found;
    }

    private static async Task<IEnumerable<int>> PidsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        var result = await Telepath.Testing.Processes.ProcessRunner.RunAsync("ip", ["netns", "pids", namespaceName], cancellationToken: cancellationToken);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line, NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
