using System.Diagnostics;
using System.Net;
using System.Text;
using Telepath.Testing.Processes;

namespace Telepath.Network.Testing.Topology;

/// <summary>
/// Three network namespaces as a laptop, a Kubernetes API server and a cluster are laid out:
/// laptop ⟷ api ⟷ cluster over veth pairs, no forwarding in api, so the laptop reaches the
/// cluster only through the API server's port-forward. Every pod (10.244.0.0/16) and service
/// (10.96.0.0/12) address is local in the cluster namespace. Needs root. Disposing deletes it all,
/// also when the creation failed half-way.
/// </summary>
public sealed class NetworkTopology : IAsyncDisposable
{
    public const string PodNetwork = "10.244.0.0/16";
    public const string ServiceNetwork = "10.96.0.0/12";

    private static int s_topologies;

    private readonly List<string> _created = [];

    private NetworkTopology(NamespaceNames names, int subnet)
    {
        Names = names;
        LaptopAddress = IPAddress.Parse($"192.168.{subnet}.1");
        ApiLaptopSideAddress = IPAddress.Parse($"192.168.{subnet}.2");
        LaptopLink = $"192.168.{subnet}.0/30";
        ApiClusterSideAddress = IPAddress.Parse($"192.168.{subnet + 1}.1");
        ClusterAddress = IPAddress.Parse($"192.168.{subnet + 1}.2");
    }

    public NamespaceNames Names { get; }

    public IPAddress LaptopAddress { get; }

    /// <summary>The API server's address as the laptop dials it.</summary>
    public IPAddress ApiLaptopSideAddress { get; }

    /// <summary>The laptop ⟷ api link, which holds the API server's address (for --never-proxy).</summary>
    public string LaptopLink { get; }

    /// <summary>The API server's address as the cluster (the manager) dials it.</summary>
    public IPAddress ApiClusterSideAddress { get; }

    public IPAddress ClusterAddress { get; }

    /// <summary>
    /// The laptop's resolver; its nameserver is the laptop's own address, where a test may run an
    /// upstream DNS server. <c>ip netns exec</c> mounts it over /etc/resolv.conf.
    /// </summary>
    public string ResolvConfPath => Path.Combine("/etc/netns", Names.Laptop, "resolv.conf");

    public byte[] OriginalResolvConf { get; private set; } = [];

    /// <summary>
    /// The pods' resolver: the cluster's DNS, which the cluster host serves on the API server's
    /// cluster-side address. One file for all pods, so the search list is the cluster-wide part
    /// of a pod's (NAME.NS resolves, a bare NAME does not).
    /// </summary>
    public string ClusterResolvConfPath => Path.Combine("/etc/netns", Names.Cluster, "resolv.conf");

    public static async Task<NetworkTopology> CreateAsync(CancellationToken cancellationToken = default)
    {
        await StaleNamespaces.RemoveAsync(cancellationToken);
        var number = Interlocked.Increment(ref s_topologies);
        var topology = new NetworkTopology(new NamespaceNames(Environment.ProcessId, number), 10 + (2 * (number % 120)));
        try
        {
            await topology.BuildAsync(cancellationToken);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command inside <paramref name="namespaceName"/> to its end.</summary>
    public static Task<ProcessResult> ExecAsync(
        string namespaceName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        byte[]? stdin = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", namespaceName, .. arguments], environment, stdin, timeout, cancellationToken: cancellationToken);

    /// <summary>Starts a long-running command inside <paramref name="namespaceName"/>.</summary>
    public static ChildProcess Start(
        string namespaceName, string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.Start(name, "ip", ["netns", "exec", namespaceName, .. arguments], environment: environment);

    /// <summary>The same command, run inside <paramref name="namespaceName"/> (<c>ip netns exec</c> execs it, so the process id stays its own).</summary>
    public static ProcessStartInfo Inside(string namespaceName, ProcessStartInfo command)
    {
        var wrapped = new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", namespaceName, command.FileName } };
        foreach (var argument in command.ArgumentList)
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            wrapped.Environment[name] = value;
        }

        wrapped.WorkingDirectory = command.WorkingDirectory;
        return wrapped;
    }

    /// <summary>Like <see cref="ExecAsync"/> but a failure throws with the command's output.</summary>
    public static async Task<ProcessResult> MustExecAsync(string namespaceName, params string[] arguments)
    {
        var result = await ExecAsync(namespaceName, arguments);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"in {namespaceName}: {result}");
    }

    /// <summary>
    /// Takes the laptop's default route away, as on a train without Wi-Fi: the API server is still reached
    /// over its link, and nothing else is routed. <see cref="RestoreLaptopDefaultRouteAsync"/> puts it back.
    /// </summary>
    public Task RemoveLaptopDefaultRouteAsync() => MustRunAsync(CancellationToken.None, "-n", Names.Laptop, "route", "del", "default");

    /// <summary>Puts the laptop's default route back as it was built; nothing to do when it is there.</summary>
    public Task RestoreLaptopDefaultRouteAsync() =>
        MustRunAsync(CancellationToken.None, "-n", Names.Laptop, "route", "replace", "default", "via", ApiLaptopSideAddress.ToString());

    public async ValueTask DisposeAsync()
    {
        // Processes first: a namespace with a live process in it lingers after `ip netns del`.
        foreach (var name in _created.AsEnumerable().Reverse())
        {
            await StaleNamespaces.DeleteAsync(name, CancellationToken.None);
        }

        foreach (var file in new[] { ResolvConfPath, ClusterResolvConfPath })
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Never written.
            }
        }
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        foreach (var name in Names.All)
        {
            await MustRunAsync(cancellationToken, "netns", "add", name);
            _created.Add(name);
            await MustRunAsync(cancellationToken, "-n", name, "link", "set", "lo", "up");
        }

        await LinkAsync(Names.Laptop, Names.Link('l'), LaptopAddress, Names.Api, Names.Link('a'), ApiLaptopSideAddress, cancellationToken);
        await LinkAsync(Names.Api, Names.Link('b'), ApiClusterSideAddress, Names.Cluster, Names.Link('c'), ClusterAddress, cancellationToken);

        // New namespaces start with forwarding off; said explicitly because the isolation depends on it.
        await MustExecAsync(Names.Api, "sysctl", "-qw", "net.ipv4.ip_forward=0");

        // AnyIP: every pod and service address is this namespace's own, so a pod binds its IP
        // without an interface per pod, and a service's ClusterIP is there for the kube-proxy DNAT.
        await MustRunAsync(cancellationToken, "-n", Names.Cluster, "route", "add", "local", PodNetwork, "dev", "lo");
        await MustRunAsync(cancellationToken, "-n", Names.Cluster, "route", "add", "local", ServiceNetwork, "dev", "lo");

        // A laptop has a default route (its Wi-Fi router): here the API server's namespace, which does
        // not forward, so cluster addresses are routable from the laptop but never answer, as on a
        // real laptop whose router knows nothing of the cluster's private ranges.
        await MustRunAsync(cancellationToken, "-n", Names.Laptop, "route", "add", "default", "via", ApiLaptopSideAddress.ToString());

        // The API server dials pods for port-forward.
        await MustRunAsync(cancellationToken, "-n", Names.Api, "route", "add", PodNetwork, "via", ClusterAddress.ToString());

        Directory.CreateDirectory(Path.GetDirectoryName(ResolvConfPath)!);
        OriginalResolvConf = Encoding.ASCII.GetBytes($"# the laptop's own resolver (test topology {Names.Prefix})\nnameserver {LaptopAddress}\nsearch example.test\n");
        await File.WriteAllBytesAsync(ResolvConfPath, OriginalResolvConf, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(ClusterResolvConfPath)!);
        await File.WriteAllTextAsync(
            ClusterResolvConfPath, $"nameserver {ApiClusterSideAddress}\nsearch svc.cluster.local cluster.local\noptions ndots:5\n", cancellationToken);
    }

    private static async Task LinkAsync(
        string leftNamespace, string left, IPAddress leftAddress, string rightNamespace, string right, IPAddress rightAddress, CancellationToken cancellationToken)
    {
        await MustRunAsync(cancellationToken, "link", "add", left, "netns", leftNamespace, "type", "veth", "peer", "name", right, "netns", rightNamespace);
        await MustRunAsync(cancellationToken, "-n", leftNamespace, "addr", "add", $"{leftAddress}/30", "dev", left);
        await MustRunAsync(cancellationToken, "-n", rightNamespace, "addr", "add", $"{rightAddress}/30", "dev", right);
        await MustRunAsync(cancellationToken, "-n", leftNamespace, "link", "set", left, "up");
        await MustRunAsync(cancellationToken, "-n", rightNamespace, "link", "set", right, "up");
    }

    private static async Task MustRunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("ip", arguments, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"building the test topology failed: {result}");
        }
    }
}
