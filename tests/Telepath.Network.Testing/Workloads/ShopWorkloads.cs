using k8s;
using k8s.Models;

namespace Telepath.Network.Testing.Workloads;

/// <summary>
/// The workloads the outbound tests reach: in namespace <c>shop</c>, Deployment and Service
/// <c>orders</c> (port 80 → the sample app's 8080) and a headless Service <c>db</c> over a
/// StatefulSet of one redis (pod <c>db-0</c>, name db-0.db.shop.svc.cluster.local).
/// </summary>
public static class ShopWorkloads
{
    public const string Namespace = "shop";
    public const int OrdersPort = 80;
    public const int AppPort = 8080;
    public const int RedisPort = 6379;

    // The cluster host runs this image as the sample app, and redis* as redis-server.
    private const string AppImage = "example/orders:1";
    private const string RedisImage = "redis:7";

    public static async Task CreateAsync(IKubernetes client, CancellationToken cancellationToken = default)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);
        await client.AppsV1.CreateNamespacedDeploymentAsync(Orders(), Namespace, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("orders", OrdersPort, AppPort, headless: false), Namespace, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("db", RedisPort, RedisPort, headless: true), Namespace, cancellationToken: cancellationToken);
        await client.AppsV1.CreateNamespacedStatefulSetAsync(Db(), Namespace, cancellationToken: cancellationToken);
    }

    /// <summary>The pod IP of the Running pod labelled app=<paramref name="app"/>, once there is one.</summary>
    public static async Task<string?> PodIpAsync(IKubernetes client, string app, CancellationToken cancellationToken = default)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"app={app}", cancellationToken: cancellationToken);
        return pods.Items.FirstOrDefault(p => p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null)?.Status.PodIP;
    }

    public static async Task<string> ClusterIpAsync(IKubernetes client, string service, CancellationToken cancellationToken = default) =>
        (await client.CoreV1.ReadNamespacedServiceAsync(service, Namespace, cancellationToken: cancellationToken)).Spec.ClusterIP;

    private static V1Deployment Orders() => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "orders", NamespaceProperty = Namespace },
        Spec = new V1DeploymentSpec { Replicas = 1, Selector = Selector("orders"), Template = Template("orders", AppImage, "http", AppPort) },
    };

    private static V1StatefulSet Db() => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = Namespace },
        Spec = new V1StatefulSetSpec { Replicas = 1, ServiceName = "db", Selector = Selector("db"), Template = Template("db", RedisImage, "redis", RedisPort) },
    };

    private static V1Service Service(string name, int port, int targetPort, bool headless) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new V1ServiceSpec
        {
            ClusterIP = headless ? "None" : null,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Name = "main", Port = port, TargetPort = targetPort, Protocol = "TCP" }],
        },
    };

    private static V1LabelSelector Selector(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    private static V1PodTemplateSpec Template(string app, string image, string portName, int port) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = app, Image = image, Ports = [new V1ContainerPort { Name = portName, ContainerPort = port, Protocol = "TCP" }] }],
        },
    };
}
