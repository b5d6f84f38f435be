using System.Security;
using System.Text.RegularExpressions;
using Telepath.Network.Testing.Topology;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Laptop;

/// <summary>
/// A D-Bus system bus of a test's own: a dbus-daemon listening on a socket in the given folder, open to
/// every user (systemd-resolved runs as nobody, the helper as root), with no services to activate.
/// </summary>
internal sealed partial class PrivateSystemBus : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ChildProcess _daemon;

    private PrivateSystemBus(ChildProcess daemon, string address)
    {
        _daemon = daemon;
        Address = address;
    }

    /// <summary>What DBUS_SYSTEM_BUS_ADDRESS must be to reach it.</summary>
    public string Address { get; }

    public bool HasExited => _daemon.HasExited;

    public string Output => _daemon.Output;

    /// <summary>
    /// Runs it inside <paramref name="namespaceName"/>: the socket is a file, so the bus is reachable from
    /// anywhere, but a namespace's deletion then also ends a bus that a crashed test left behind.
    /// </summary>
    public static async Task<PrivateSystemBus> StartAsync(string namespaceName, string folder, string dbusDaemon, CancellationToken cancellationToken)
    {
        var socket = Path.Combine(folder, "bus.sock");
        var config = Path.Combine(folder, "bus.conf");
        await File.WriteAllTextAsync(config, Config(socket), cancellationToken);
        var daemon = NetworkTopology.Start(namespaceName, "dbus-daemon", [dbusDaemon, "--nofork", "--nopidfile", "--print-address", $"--config-file={config}"]);
        try
        {
            // It prints its address once it listens.
            await daemon.WaitForLineAsync(Listening(), Patience, cancellationToken);
            return new PrivateSystemBus(daemon, $"unix:path={socket}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await daemon.DisposeAsync();

            // Where it was started, always: what `ip netns exec` printed about a missing namespace may not have been read yet.
            throw new InvalidOperationException($"dbus-daemon did not start in namespace {namespaceName}: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();

    private static string Config(string socket) =>
        $"""
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>system</type>
          <listen>unix:path={SecurityElement.Escape(socket)}</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*"/>
            <allow receive_sender="*"/>
          </policy>
        </busconfig>

        """;

    [GeneratedRegex("^unix:path=")]
    private static partial Regex Listening();
}
