using k8s.Models;
using Telepath.Kubernetes.Workloads;

namespace Telepath.Kubernetes.Tests.Infrastructure;

/// <summary>Small, valid workloads and Services as a user would have them.</summary>
internal static class Objects
{
    public static Workload Deployment(string name = "orders", string ns = "default", params V1ContainerPort[] ports) =>
        new(WorkloadKind.Deployment, new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = "41", Generation = 1 },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = Template(name, ports.Length > 0 ? ports : [new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" }]),
            },
        });

    public static V1PodTemplateSpec Template(string app, V1ContainerPort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = "web" } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "example/orders:1.0",
                    Ports = ports,
                    Env =
                    [
                        new V1EnvVar { Name = "MODE", Value = "prod" },
                        new V1EnvVar { Name = "URL", Value = "http://db/$(MODE)" },
                        new V1EnvVar
                        {
                            Name = "PASSWORD",
                            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } },
                        },
                    ],
                    EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "orders-config" } }],
                    ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http" } },
                },
            ],
        },
    };

    public static V1Service Service(string name, string app, params V1ServicePort[] ports) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = "7" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = app },
            Ports = ports.Length > 0 ? ports : [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http", Protocol = "TCP" }],
        },
    };
}
