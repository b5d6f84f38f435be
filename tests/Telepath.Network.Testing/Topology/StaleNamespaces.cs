using System.Globalization;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Topology;

/// <summary>Deletes topology namespaces: ours at dispose, and those a killed earlier test run left behind.</summary>
internal static class StaleNamespaces
{
    /// <summary>Every <c>tp&lt;pid&gt;x…</c> namespace whose process is gone, with its processes and resolv.conf.</summary>
    public static async Task RemoveAsync(CancellationToken cancellationToken)
    {
        var list = await ProcessRunner.RunAsync("ip", ["netns", "list"], cancellationToken: cancellationToken);
        var names = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]);
        var leftovers = Directory.Exists("/etc/netns") ? Directory.GetDirectories("/etc/netns").Select(Path.GetFileName) : [];
        foreach (var name in names.Concat(leftovers!).Distinct())
        {
            if (NamespaceNames.OwnerOf(name!) is { } owner && !Directory.Exists($"/proc/{owner}"))
            {
                await DeleteAsync(name!, cancellationToken);
                DeleteResolverFolder(name!);
            }
        }
    }

    /// <summary>Kills what runs inside (a daemon, pods, the API server) and deletes the namespace; its veth ends go with it.</summary>
    public static async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", name], cancellationToken: cancellationToken);
        foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                await ProcessRunner.RunAsync("kill", ["-KILL", id.ToString(CultureInfo.InvariantCulture)], cancellationToken: cancellationToken);
            }
        }

        await ProcessRunner.RunAsync("ip", ["netns", "del", name], cancellationToken: cancellationToken);
    }

    private static void DeleteResolverFolder(string name)
    {
        try
        {
            Directory.Delete(Path.Combine("/etc/netns", name), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Only the namespace was left.
        }
    }
}
