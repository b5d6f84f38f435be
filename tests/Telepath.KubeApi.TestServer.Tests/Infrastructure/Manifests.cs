using k8s.Models;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

internal static class Manifests
{
    public static V1Deployment Deployment(string name, string image = "nginx:1.27", int replicas = 1, int port = 80) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
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
                            Image = image,
                            Ports = [new V1ContainerPort { ContainerPort = port, Name = "http" }],
                            Env = [new V1EnvVar { Name = "MODE", Value = "test" }],
                        },
                    ],
                },
            },
        },
    };
}
