using System.Globalization;
using System.Net;
using Telepath.Bench.Processes;
using Telepath.Network.Testing.Topology;
using Telepath.Testing.Processes;

namespace Telepath.Bench.Far;

/// <summary>
/// The far laptop's network: a namespace joined to the bench's own by a link that holds every packet
/// for 10 ms each way, so a round trip across it takes 20 ms, as to a cluster in another region: a
/// veth pair with netem on both ends, or where the kernel has no netem, a pair of TUN devices joined by
/// delay_link.py. Named <c>tp&lt;bench pid&gt;x0-far</c>, which run.sh's clean-up deletes after a killed
/// bench (x0: the outbound section's topologies count from x1). Disposing deletes it all.
/// </summary>
internal sealed class FarLink : IAsyncDisposable
{
    public const int OneWayDelayMs = 10;

    // The link holds every delayed packet in a queue, netem's 1000 at most by default, and drops what
    // does not fit: 200 MB/s for 10 ms is 2 MB, well over 1000 packets of 1500 bytes.
    private const int QueueLimit = 100_000;

    private const string Subnet = "192.168.254.0/30";

    private readonly NamespaceNames _names = new(Environment.ProcessId, 0);
    private bool _created;
    private ChildProcess? _relay;

    private FarLink()
    {
    }

    public string Namespace => $"{_names.Prefix}-far";

    /// <summary>The bench's end: where the manager listens for the laptop.</summary>
    public IPAddress HostSide { get; } = IPAddress.Parse("192.168.254.1");

    /// <summary>The laptop's end.</summary>
    public IPAddress FarSide { get; } = IPAddress.Parse("192.168.254.2");

    private string HostLink => _names.Link('h');

    private string FarLinkName => _names.Link('f');

    /// <summary>How the delay is made, for the table.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>delay_link.py's process when it carries the link, for its CPU time; null with netem (the kernel's).</summary>
    public int? RelayPid => _relay?.Id;

    public static async Task<FarLink> CreateAsync(CancellationToken cancellationToken)
    {
        var link = new FarLink();
        try
        {
            await link.BuildAsync(cancellationToken);
            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    /// <summary>The kernel's TCP buffer maxima (tcp_rmem and tcp_wmem, bytes) in the bench's namespace and in the laptop's: they bound what one TCP connection can have in flight.</summary>
    public async Task<string> TcpBuffersAsync(CancellationToken cancellationToken)
    {
        var host = $"{Max(await File.ReadAllTextAsync("/proc/sys/net/ipv4/tcp_rmem", cancellationToken))} / {Max(await File.ReadAllTextAsync("/proc/sys/net/ipv4/tcp_wmem", cancellationToken))}";
        var far = await RunAsync(cancellationToken, "ip", "netns", "exec", Namespace, "sysctl", "-n", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
        var lines = far.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return $"tcp_rmem / tcp_wmem maxima: bench side {host}, laptop side {Max(lines[0])} / {Max(lines[1])} (the kernel's, not tuned by the bench)";
    }

    public async ValueTask DisposeAsync()
    {
        // First, so its TUN devices go with it.
        if (_relay is not null)
        {
            await _relay.StopAsync(TimeSpan.FromSeconds(5));
            await _relay.DisposeAsync();
        }

        if (!_created)
        {
            return;
        }

        // Processes first: a namespace with a live process in it lingers after `ip netns del`.
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", Namespace], cancellationToken: CancellationToken.None);
        foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                await ProcessRunner.RunAsync("kill", ["-KILL", pid], cancellationToken: CancellationToken.None);
            }
        }

        await ProcessRunner.RunAsync("ip", ["netns", "del", Namespace], cancellationToken: CancellationToken.None);
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        var taken = await RunAsync(cancellationToken, "ip", "-o", "addr", "show", "to", Subnet);
        if (taken.Stdout.Trim().Length > 0)
        {
            throw new BenchException($"the far laptop's link needs {Subnet}, which this machine already uses (another bench running?):\n{taken.Stdout.Trim()}");
        }

        await RunAsync(cancellationToken, "ip", "netns", "add", Namespace);
        _created = true;
        await RunAsync(cancellationToken, "ip", "-n", Namespace, "link", "set", "lo", "up");
        if (!await TryNetemVethAsync(cancellationToken))
        {
            await StartRelayAsync(cancellationToken);
        }

        await RunAsync(cancellationToken, "ip", "addr", "add", $"{HostSide}/30", "dev", HostLink);
        await RunAsync(cancellationToken, "ip", "-n", Namespace, "addr", "add", $"{FarSide}/30", "dev", FarLinkName);
        await RunAsync(cancellationToken, "ip", "link", "set", HostLink, "up");
        await RunAsync(cancellationToken, "ip", "-n", Namespace, "link", "set", FarLinkName, "up");
    }

    /// <returns>False when this kernel has no netem (the veth pair is gone again then).</returns>
    private async Task<bool> TryNetemVethAsync(CancellationToken cancellationToken)
    {
        await RunAsync(cancellationToken, "ip", "link", "add", HostLink, "type", "veth", "peer", "name", FarLinkName, "netns", Namespace);

        // netem delays what leaves an interface, so each end delays its own direction.
        string[] netem = ["root", "netem", "delay", $"{OneWayDelayMs}ms", "limit", $"{QueueLimit}"];
        var probe = await Commands.RunAsync("tc", ["qdisc", "add", "dev", HostLink, .. netem], TimeSpan.FromSeconds(20), cancellationToken);
        if (probe.ExitCode != 0 && probe.Stderr.Contains("unknown", StringComparison.OrdinalIgnoreCase))
        {
            await RunAsync(cancellationToken, "ip", "link", "del", HostLink);
            return false;
        }

        if (probe.ExitCode != 0)
        {
            throw new BenchException($"building the far laptop's link failed: tc qdisc add dev {HostLink} {string.Join(' ', netem)}\n{probe}");
        }

        await RunAsync(cancellationToken, ["ip", "netns", "exec", Namespace, "tc", "qdisc", "add", "dev", FarLinkName, .. netem]);
        Kind = $"a veth pair, netem delay {OneWayDelayMs} ms limit {QueueLimit} on each end";
        return true;
    }

    private async Task StartRelayAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Far", "delay_link.py");
        _relay = ChildProcess.Start("far link (delay_link.py)", "/usr/bin/python3", [script, HostLink, FarLinkName, $"{OneWayDelayMs}"], PidLog.Add);
        try
        {
            await _relay.WaitForLineAsync(new System.Text.RegularExpressions.Regex("^ready$"), TimeSpan.FromSeconds(20), cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new BenchException($"this kernel has no netem, and delay_link.py could not stand in for it: {e.Message}");
        }

        await RunAsync(cancellationToken, "ip", "link", "set", FarLinkName, "netns", Namespace);
        await RunAsync(cancellationToken, "ip", "link", "set", HostLink, "txqueuelen", $"{QueueLimit}");
        await RunAsync(cancellationToken, "ip", "-n", Namespace, "link", "set", FarLinkName, "txqueuelen", $"{QueueLimit}");
        Kind = $"no netem in this kernel: two TUN devices joined by delay_link.py, {OneWayDelayMs} ms each way, queues of {QueueLimit} packets";
    }

    private static async Task<ProcessResult> RunAsync(CancellationToken cancellationToken, params string[] command)
    {
        var result = await Commands.RunAsync(command[0], command[1..], TimeSpan.FromSeconds(20), cancellationToken);
        return result.ExitCode == 0
            ? result
            : throw new BenchException($"building the far laptop's link failed: {string.Join(' ', command)}\n{result}");
    }

    private static string Max(string triple) => triple.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[^1];
}
