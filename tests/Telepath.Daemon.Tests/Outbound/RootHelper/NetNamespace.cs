using Telepath.Testing.Processes;

namespace Telepath.Daemon.Tests.Outbound.RootHelper;

/// <summary>
/// A throwaway network namespace (loopback up) with its own /etc/netns/NAME/resolv.conf, which
/// `ip netns exec` mounts over /etc/resolv.conf; deleted, with both, when the test ends, failed or not.
/// </summary>
public sealed class NetNamespace : IAsyncDisposable
{
    private static int s_next;

    private NetNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>The file its processes see as /etc/resolv.conf.</summary>
    public string ResolvConf => $"/etc/netns/{Name}/resolv.conf";

    public static async Task<NetNamespace> CreateAsync(string resolvConf = "nameserver 192.0.2.53\n")
    {
        var name = $"tp-{Environment.ProcessId}-{Interlocked.Increment(ref s_next)}";
        var created = new NetNamespace(name);
        try
        {
            await RunAsync("ip", "netns", "add", name);
            Directory.CreateDirectory($"/etc/netns/{name}");
            await File.WriteAllTextAsync(created.ResolvConf, resolvConf);
            await created.ExecAsync("ip", "link", "set", "lo", "up");
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command inside the namespace; it must succeed.</summary>
    public Task<ProcessResult> ExecAsync(params string[] command) => RunAsync("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Runs a command inside the namespace and returns what happened, whatever it was.</summary>
    public Task<ProcessResult> TryExecAsync(params string[] command) => ProcessRunner.RunAsync("ip", ["netns", "exec", Name, .. command]);

    /// <summary>The namespace's whole ruleset, as `nft list ruleset` prints it.</summary>
    public async Task<string> RulesetAsync() => (await ExecAsync("nft", "list", "ruleset")).Stdout;

    /// <summary>A veth pair inside the namespace (dummy links need a kernel module containers may lack) with a route to <paramref name="range"/>.</summary>
    public async Task RouteAsync(string range, string link = "v0", string address = "10.200.0.1/24")
    {
        await ExecAsync("ip", "link", "add", link, "type", "veth", "peer", "name", link + "p");
        await ExecAsync("ip", "link", "set", link, "up");
        await ExecAsync("ip", "link", "set", link + "p", "up");
        await ExecAsync("ip", "addr", "add", address, "dev", link);
        await ExecAsync("ip", "route", "add", range, "dev", link);
    }

    /// <summary>Every IPv4 route of every table and the names of the links: what the helper may change and must put back.</summary>
    public async Task<string> RoutesAndLinksAsync() =>
        (await ExecAsync("ip", "-4", "route", "show", "table", "all")).Stdout + "--- links\n" + (await ExecAsync("ls", "/sys/class/net")).Stdout;

    /// <summary>The routes Telepath marked as its own, as `ip route` prints them ("10.96.0.0/12 dev telepath0 proto 84 scope link").</summary>
    public async Task<IReadOnlyList<string>> OwnRoutesAsync() =>
        [.. (await ExecAsync("ip", "-4", "route", "show", "table", "all")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(route => route.Contains(" proto 84 ", StringComparison.Ordinal) || route.EndsWith(" proto 84", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("ip", ["netns", "delete", Name]);
        if (Directory.Exists($"/etc/netns/{Name}"))
        {
            Directory.Delete($"/etc/netns/{Name}", recursive: true);
        }
    }

    private static async Task<ProcessResult> RunAsync(string file, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(file, arguments);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException(result.ToString());
    }
}
