using System.Diagnostics;
using System.Text;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.Kubernetes.Testing.Services;
using Telepath.Testing.Processes;

namespace Telepath.Kubernetes.Testing.Pods;

/// <summary>
/// Runs the telepath-server image's containers (manager and agent) as <c>dotnet telepath-server.dll</c>,
/// doing what a real node does and the test server does not: a token Secret's volume becomes a file,
/// the manager's Service name resolves (to <see cref="ManagerServiceProxy"/>), and the app's 127.0.0.1
/// is the pod's own address. A <c>--token-file</c> on a projected service account token volume (the
/// agent's identity) is the file the test server's kubelet wrote and keeps fresh, and the source of a
/// <c>--volume</c> (the app's volumes the agent serves) is where the kubelet put that volume.
/// </summary>
/// <param name="directory">Where the token Secrets' files (and the logs) go.</param>
public sealed class ServerContainers(string directory, Func<ObjectStore> store, Func<string> managerAddress)
{
    /// <summary>Where a token Secret was mounted before agents and the manager used Kubernetes identity.</summary>
    private const string SecretTokenFile = "/var/run/secrets/telepath/token";
    private static readonly TimeSpan SecretPatience = TimeSpan.FromSeconds(30);

    /// <summary>The telepath-server assembly to run; null: <see cref="Executables.ServerDll"/>.</summary>
    public string? ServerDll { get; init; }

    /// <summary>Told each container process's id as soon as it runs.</summary>
    public Action<int>? ProcessStarted { get; init; }

    /// <summary>
    /// The kubeconfig the manager reads the cluster with (through KUBECONFIG), standing in for the
    /// service account token a real pod has mounted; none: the manager has no view of the cluster.
    /// </summary>
    public string? ManagerKubeconfig { get; init; }

    /// <summary>
    /// What the manager may dial for laptops although a real one refuses it (its TELEPATH_ALLOW_OUTBOUND),
    /// where pods are on this machine's loopback; none: the manager's own rules.
    /// </summary>
    public string? ManagerOutboundAllowList { get; init; }

    /// <summary>
    /// Where port-forwards reach the manager from (its TELEPATH_LAPTOP_SOURCES), where they do not come
    /// from the pod's loopback as a container runtime's do; none: the manager's default, the loopback.
    /// </summary>
    public string? ManagerLaptopSources { get; init; }

    /// <summary>Rewrites each container's command before it starts, e.g. to run it in another network namespace; null: as it is.</summary>
    public Func<ProcessStartInfo, ProcessStartInfo>? Wrap { get; init; }

    /// <summary>Whether a stopped container's output is written to DIRECTORY/POD-CONTAINER.log, as a node keeps container logs.</summary>
    public bool Logs { get; init; }

    /// <summary>
    /// Runs the container until it exits or the pod goes. Like a kubelet, it first waits for a token
    /// Secret it mounts (the agent's copy is made just after the workload patch); a container with no
    /// such mount (a projected token, or no token at all) starts at once.
    /// </summary>
    public async Task RunAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        if (TokenFileOf(launch) == SecretTokenFile)
        {
            await WaitForSecretAsync(launch, cancellationToken);
        }

        var process = ProcessContainer.Start(Wrap is { } wrap ? wrap(StartInfo(launch)) : StartInfo(launch), ProcessStarted);
        try
        {
            await using (process)
            {
                var code = await process.Exited.WaitAsync(cancellationToken);
                if (code != 0)
                {
                    throw new InvalidOperationException($"{launch.ContainerName} exited with {code}: {string.Join('\n', process.Output.TakeLast(20))}");
                }
            }
        }
        finally
        {
            if (Logs)
            {
                await File.WriteAllLinesAsync(Path.Combine(directory, $"{launch.PodName}-{launch.ContainerName}.log"), process.Output, CancellationToken.None);
            }
        }
    }

    private async Task WaitForSecretAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(SecretPatience);
        await store().WaitForAsync(ResourceCatalog.Secrets, launch.Namespace, SecretOf(launch), deadline.Token);
    }

    private static string? TokenFileOf(ContainerLaunch launch)
    {
        var at = launch.Args.ToList().IndexOf("--token-file");
        return at >= 0 && at + 1 < launch.Args.Count ? launch.Args[at + 1] : null;
    }

    private static string SecretOf(ContainerLaunch launch) =>
        launch.Args.FirstOrDefault() == "agent" ? "telepath-agent-token" : "telepath-manager-token";

    private ProcessStartInfo StartInfo(ContainerLaunch launch)
    {
        var args = launch.Args.ToList();
        for (var i = 0; i < args.Count - 1; i++)
        {
            switch (args[i])
            {
                case "--token-file" when args[i + 1] == SecretTokenFile:
                    args[i + 1] = WriteToken(launch);
                    break;
                case "--token-file" when launch.LocalPath(args[i + 1]) is { } projected:
                    args[i + 1] = projected;
                    break;
                case "--volume" when LocalVolume(launch, args[i + 1]) is { } local:
                    args[i + 1] = local;
                    break;
                case "--manager":
                    args[i + 1] = managerAddress();
                    break;
                case "--app" when args[i + 1].StartsWith("127.0.0.1:", StringComparison.Ordinal):
                    args[i + 1] = $"{launch.PodIp}:{args[i + 1]["127.0.0.1:".Length..]}";
                    break;
            }
        }

        var environment = launch.Environment.ToDictionary();
        if (args.FirstOrDefault() == "manager" && ManagerKubeconfig is not null)
        {
            environment["KUBECONFIG"] = ManagerKubeconfig;
        }

        if (args.FirstOrDefault() == "manager" && ManagerLaptopSources is not null)
        {
            environment["TELEPATH_LAPTOP_SOURCES"] = ManagerLaptopSources;
        }

        if (args.FirstOrDefault() == "manager" && ManagerOutboundAllowList is not null)
        {
            environment["TELEPATH_ALLOW_OUTBOUND"] = ManagerOutboundAllowList;
        }

        return ProcessContainer.Dotnet(ServerDll ?? Executables.ServerDll, launch with { Args = args, Environment = environment });
    }

    // MOUNTPATH=SOURCE[:ro] with SOURCE where the kubelet put that volume here; null when it put it nowhere.
    private static string? LocalVolume(ContainerLaunch launch, string volume)
    {
        var equals = volume.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return null;
        }

        var source = volume[(equals + 1)..];
        var readOnly = source.EndsWith(":ro", StringComparison.Ordinal);
        return launch.LocalPath(readOnly ? source[..^":ro".Length] : source) is { } local
            ? $"{volume[..equals]}={local}{(readOnly ? ":ro" : "")}"
            : null;
    }

    private string WriteToken(ContainerLaunch launch)
    {
        var encoded = store().Get(ResourceCatalog.Secrets, launch.Namespace, SecretOf(launch))["data"]!["token"]!.GetValue<string>();
        var path = Path.Combine(directory, $"{launch.PodName}-{launch.ContainerName}.token");
        File.WriteAllText(path, Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        return path;
    }
}
