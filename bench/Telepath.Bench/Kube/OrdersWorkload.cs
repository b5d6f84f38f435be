using System.Net;
using k8s;
using k8s.Models;
using Telepath.KubeApi.TestServer.Pods;
using Telepath.Samples;

namespace Telepath.Bench.Kube;

/// <summary>
/// The workload the section intercepts: Deployment and Service "orders" in default, one replica of
/// the sample app (image <see cref="Image"/>, run in this process), the Service's targetPort a
/// number, so the first intercept also patches the Service, the longer of the two injection paths.
/// </summary>
internal static class OrdersWorkload
{
    public const string Name = "orders";
    public const string Namespace = "default";
    public const string Image = "example/orders:1";
    private const int AppPort = 8080;

    public static async Task CreateAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { ["app"] = Name };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "app",
                                Image = Image,
                                Ports = [new V1ContainerPort { Name = "http", ContainerPort = AppPort, Protocol = "TCP" }],
                            },
                        ],
                    },
                },
            },
        };
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
            Spec = new V1ServiceSpec
            {
                Selector = labels,
                Ports = [new V1ServicePort { Name = "web", Port = 80, TargetPort = AppPort, Protocol = "TCP" }],
            },
        };
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, Namespace, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(service, Namespace, cancellationToken: cancellationToken);
    }

    /// <summary>The app container: the sample service answering "cluster" on its pod's address.</summary>
    public static async Task RunAppAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var app = SampleService.Build(new IPEndPoint(launch.PodIp, launch.Ports[0]), "cluster");
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }
}
