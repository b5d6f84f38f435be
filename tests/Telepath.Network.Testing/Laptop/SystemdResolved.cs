using System.Globalization;
using System.Net;
using Telepath.Network.Testing.Topology;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Laptop;

/// <summary>
/// The real systemd-resolved as a laptop's resolver, inside a network namespace, on a private D-Bus system
/// bus (<see cref="BusAddress"/>) and with a given global upstream; its stub answers on 127.0.0.53:53 there.
/// It runs as nobody with only the capabilities its unit file grants, since the systemd-resolve user it
/// would switch to as root does not exist where it is only unpacked. Disposing ends it and its bus, also
/// after a failed start. Needs root and <see cref="Unavailable"/> to be null.
/// </summary>
public sealed class SystemdResolved : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Mounts /run/systemd afresh, private to this process (ip netns exec gives it a mount namespace of
    // its own), so resolved writes its state there and reads the test's drop-in from there.
    private static readonly string Launch = string.Join(
        '\n',
        "set -e",
        "mkdir -p /run/systemd",
        "mount -t tmpfs -o mode=755 tmpfs /run/systemd",
        "mkdir -p /run/systemd/resolve /run/systemd/resolved.conf.d",
        "cp \"$1\" /run/systemd/resolved.conf.d/telepath-test.conf",
        $"chown {Nobody.UserId}:{Nobody.UserId} /run/systemd/resolve",
        $"exec /usr/bin/setpriv --reuid={Nobody.UserId} --regid={Nobody.UserId} --clear-groups " +
        "--inh-caps=+net_bind_service,+net_raw,+setpcap --ambient-caps=+net_bind_service,+net_raw,+setpcap -- \"$2\"");

    private readonly string _namespace;
    private readonly string _folder;
    private PrivateSystemBus? _bus;
    private ChildProcess? _daemon;

    private SystemdResolved(string namespaceName, string folder)
    {
        _namespace = namespaceName;
        _folder = folder;
    }

    /// <summary>Null when it can run here, else why not, for a test to skip with.</summary>
    public static string? Unavailable => UnpackedSystemdResolved.Unavailable;

    /// <summary>Where its stub listener answers, inside the namespace.</summary>
    public static IPAddress StubAddress { get; } = IPAddress.Parse("127.0.0.53");

    /// <summary>What DBUS_SYSTEM_BUS_ADDRESS must be for a program to reach it (the helper, the CLI, resolvectl).</summary>
    public string BusAddress => _bus?.Address ?? throw new InvalidOperationException("the bus did not start");

    /// <summary>The last lines resolved logged, for failure messages.</summary>
    public string Output => _daemon?.Output ?? "";

    /// <summary>
    /// The stub-resolv.conf resolved keeps up to date (its search line lists every link's search domains),
    /// which /etc/resolv.conf links to on a desktop. Read through /proc, as it lives in resolved's private /run/systemd.
    /// </summary>
    public Task<string> ReadStubResolvConfAsync() =>
        File.ReadAllTextAsync($"/proc/{_daemon?.Id ?? throw new InvalidOperationException("resolved did not start")}/root/run/systemd/resolve/stub-resolv.conf");

    /// <summary>Starts it in <paramref name="namespaceName"/> and waits until it answers on the bus.</summary>
    /// <param name="upstreamDns">Its global DNS server (port 53), e.g. the laptop's own resolver.</param>
    /// <exception cref="InvalidOperationException">It is <see cref="Unavailable"/>, or did not come up; with what it and the bus printed.</exception>
    public static async Task<SystemdResolved> StartAsync(string namespaceName, IPAddress upstreamDns, CancellationToken ct = default)
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the laptop namespace is Linux only");
        }

        // Its own folder, so parallel tests never share a socket; open to nobody, who must reach the socket in it.
        var folder = Directory.CreateTempSubdirectory("tp-resolved-").FullName;
        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var resolved = new SystemdResolved(namespaceName, folder);
        try
        {
            await resolved.RunAsync(upstreamDns, ct);
            return resolved;
        }
        catch
        {
            await resolved.DisposeAsync();
            throw;
        }
    }

    /// <summary>The unpacked resolvectl, inside the namespace, talking to this resolved.</summary>
    public Task<ProcessResult> ResolvectlAsync(params string[] arguments) =>
        NetworkTopology.ExecAsync(_namespace, [UnpackedSystemdResolved.Resolvectl, .. arguments], BusEnvironment(), timeout: Patience);

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }

        if (_bus is not null)
        {
            await _bus.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private async Task RunAsync(IPAddress upstreamDns, CancellationToken ct)
    {
        _bus = await PrivateSystemBus.StartAsync(_namespace, _folder, UnpackedSystemdResolved.DbusDaemon!, ct);

        var dropIn = Path.Combine(_folder, "telepath-test.conf");
        await File.WriteAllTextAsync(dropIn, DropIn(upstreamDns), ct);
        _daemon = NetworkTopology.Start(
            _namespace,
            "systemd-resolved",
            ["/bin/sh", "-c", Launch, "sh", dropIn, UnpackedSystemdResolved.Daemon],
            new Dictionary<string, string?>
            {
                ["DBUS_SYSTEM_BUS_ADDRESS"] = _bus.Address,

                // Our tmpfs hides the journal's socket anyway; said so that it never logs anywhere we cannot show.
                ["SYSTEMD_LOG_TARGET"] = "console",
            });

        ProcessResult last;
        var deadline = DateTime.UtcNow + Patience;
        while ((last = await ResolvectlAsync("status")).ExitCode != 0)
        {
            if (_daemon.HasExited || _bus.HasExited || DateTime.UtcNow >= deadline)
            {
                var state = _daemon.HasExited ? "exited" : _bus.HasExited ? "lost its bus" : $"did not answer on the bus within {Patience.TotalSeconds:0} s";
                throw new InvalidOperationException(
                    $"systemd-resolved in {_namespace} {state}\n{last}\n--- systemd-resolved ---\n{_daemon.Output}\n--- dbus-daemon ---\n{_bus.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private Dictionary<string, string?> BusEnvironment() => new() { ["DBUS_SYSTEM_BUS_ADDRESS"] = BusAddress };

    // Read from /run/systemd/resolved.conf.d/ after /etc/systemd/resolved.conf. A DNS= setting also stops
    // it from taking the namespace's /etc/resolv.conf nameservers as its own. LLMNR and mDNS off: a test
    // laptop has no neighbours to ask, and their probes would only add noise to its log.
    private static string DropIn(IPAddress upstreamDns) =>
        string.Create(CultureInfo.InvariantCulture, $"[Resolve]\nDNS={upstreamDns}\nLLMNR=no\nMulticastDNS=no\n");
}
