using System.Diagnostics;
using System.Globalization;
using Telepath.KubeApi.TestServer.Discovery;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.KubeApi.TestServer.Storage;
using Telepath.Kubernetes.Testing.Pods;
using Telepath.Network.Testing.Topology;

namespace Telepath.Network.ClusterHost.Pods;

/// <summary>
/// What the node does: every container is a process in the cluster's network namespace, bound to
/// its pod IP there: the telepath-server image (manager, agent) through <see cref="ServerContainers"/>,
/// the sample app as <c>app --listen</c> of this host, redis as the real redis-server (unprotected,
/// as the redis image runs it, since clients come from other addresses).
/// </summary>
internal static class ClusterPods
{
    public const string ManagerPort = "8081";

    /// <param name="apiServerSource">The API server's address towards the pods: where its port-forwards come from.</param>
    public static ImagePodRunner Runner(string clusterNamespace, string directory, string managerKubeconfig, Func<ObjectStore> store, string apiServerSource)
    {
        var server = new ServerContainers(directory, store, () => ManagerServiceAddress(store()))
        {
            // A container runtime's port-forward comes from the pod's loopback; this API server's, across the
            // namespaces' link, from its cluster-side address: the manager is told so, as an administrator can.
            ManagerLaptopSources = apiServerSource,
            Wrap = command => NetworkTopology.Inside(clusterNamespace, command),
            Logs = true,
        };
        return new ImagePodRunner()
            .InProcess("*telepath-server*", (launch, cancellationToken) => server.RunAsync(WithKubeconfig(launch, managerKubeconfig), cancellationToken))
            .Process("example/orders*", launch => NetworkTopology.Inside(clusterNamespace, SampleAppCommand(launch)))
            .Process("redis*", launch => NetworkTopology.Inside(clusterNamespace, RedisCommand(launch)));
    }

    // The manager reads Services and Pods as a real one does in its pod: from the API server, here
    // through a kubeconfig naming the API server's cluster-side address.
    private static ContainerLaunch WithKubeconfig(ContainerLaunch launch, string kubeconfig) =>
        launch with { Environment = new Dictionary<string, string>(launch.Environment) { ["KUBECONFIG"] = kubeconfig } };

    // Agents dial the manager's Service; the mini kube-proxy forwards its ClusterIP to the manager pod.
    private static string ManagerServiceAddress(ObjectStore store) =>
        store.TryGet(ResourceCatalog.Services, "telepath", "telepath-manager")?.At("spec.clusterIP")?.GetValue<string>() is { } clusterIp
            ? $"{clusterIp}:{ManagerPort}"
            : throw new InvalidOperationException("the telepath-manager Service does not exist yet");

    private static ProcessStartInfo SampleAppCommand(ContainerLaunch launch)
    {
        var port = launch.Ports.Count > 0 ? launch.Ports[0] : 8080;
        return new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(ClusterPods).Assembly.Location, "app", "--listen", $"{launch.PodIp}:{port.ToString(CultureInfo.InvariantCulture)}" },
        };
    }

    private static ProcessStartInfo RedisCommand(ContainerLaunch launch) => new("redis-server")
    {
        ArgumentList = { "--bind", launch.PodIp.ToString(), "--port", "6379", "--save", "", "--appendonly", "no", "--protected-mode", "no" },
    };
}
