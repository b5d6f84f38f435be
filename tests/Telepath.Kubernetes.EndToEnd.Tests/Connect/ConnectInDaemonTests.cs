using System.Net.Sockets;
using Telepath.Kubernetes.EndToEnd.Tests.Infrastructure;

namespace Telepath.Kubernetes.EndToEnd.Tests.Connect;

/// <summary>
/// The daemon does connect's cluster work (the manager's install included) and its progress lines
/// reach the CLI's stderr through ConnectWithProgress; a connect that fails takes away the daemon
/// it started.
/// </summary>
public sealed class ConnectInDaemonTests
{
    [Fact]
    public async Task An_install_shows_its_progress_lines_in_order_then_the_daemon_launch()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);

        var connect = await laptop.MustRunAsync("connect");

        // The installer's order (ManagerManifests), each line as the CLI printed it when it installed itself.
        string[] kinds = ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Role", "NetworkPolicy", "Deployment", "Service"];
        var lines = connect.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(kinds, lines.Take(kinds.Length).Select(line => line.StartsWith("created ", StringComparison.Ordinal) ? line.Split(' ')[1] : line));
        Assert.Equal("created Namespace telepath", lines[0]);
        Assert.Equal("created Service telepath-manager", lines[kinds.Length - 1]);
        Assert.Equal("waiting for the traffic manager to be ready", lines[kinds.Length]);
        Assert.Equal("Launching Telepath Daemon...", lines[^1]);
    }

    [Fact]
    public async Task A_connect_the_cluster_refuses_leaves_no_daemon_when_none_ran_before()
    {
        await using var cluster = await SimulatedCluster.StartAsync();
        await using var laptop = new KubeLaptop(cluster.KubeconfigPath);
        cluster.Server.Deny("*", "*", "telepath");

        var refused = await laptop.RunAsync("connect");

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("telepath: ", refused.Stderr);
        Assert.Single(refused.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(laptop.PidFile), $"a daemon was left running\n{laptop.DaemonLogTail()}");
        Assert.False(IsListening(Path.Combine(Path.GetDirectoryName(laptop.PidFile)!, "daemon.sock")));
    }

    private static bool IsListening(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
