using System.Globalization;
using k8s;
using k8s.Models;
using Telepath.Kubernetes.Testing.Pods;

namespace Telepath.Kubernetes.Testing.Workloads;

/// <summary>Workloads to intercept: the sample app (<see cref="AppContainer"/>) behind a Service, with a numeric or a named targetPort.</summary>
public static class SampleWorkloads
{
    public const string Namespace = "default";
    public const int AppPort = 8080;

    public static V1Deployment Deployment(string name, string? portName = "http", Dictionary<string, string>? env = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "app",
                            Image = AppContainer.Image,
                            Ports = [new V1ContainerPort { Name = portName, ContainerPort = AppPort, Protocol = "TCP" }],
                            Env = env?.Select(e => new V1EnvVar { Name = e.Key, Value = e.Value }).ToList(),
                        },
                    ],
                },
            },
        },
    };

    public static V1StatefulSet StatefulSet(string name)
    {
        var deployment = Deployment(name);
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = deployment.Metadata,
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = name,
                Selector = deployment.Spec.Selector,
                Template = deployment.Spec.Template,
            },
        };
    }

    /// <param name="targetPort">A number (8080) or a container port's name ("http").</param>
    public static V1Service Service(string name, IntOrString targetPort) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Name = "web", Port = 80, TargetPort = targetPort, Protocol = "TCP" }],
        },
    };

    /// <summary>A Deployment of one replica whose container port is named "http", and its Service.</summary>
    /// <param name="targetPort">The Service's targetPort, "8080" or "http"; null for no Service.</param>
    public static async Task CreateAsync(
        IKubernetes client, string name, string? targetPort, Dictionary<string, string>? env = null, CancellationToken cancellationToken = default)
    {
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name, env: env), Namespace, cancellationToken: cancellationToken);
        if (targetPort is not null)
        {
            IntOrString target = int.TryParse(targetPort, CultureInfo.InvariantCulture, out var number) ? number : targetPort;
            await client.CoreV1.CreateNamespacedServiceAsync(Service(name, target), Namespace, cancellationToken: cancellationToken);
        }
    }
}
